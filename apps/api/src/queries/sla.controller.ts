import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { minutesBetween, SLA_BREACHES, SlaBreach, TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { BreachesQuery } from './dto/query-params';
import { present } from './present';
import { ReadsFrom } from './reads-from.decorator';
import { withinReach } from './ticket-access';

@ApiTags('queries')
@UseInterceptors(ConsistencyInterceptor)
@Controller('sla')
export class SlaController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('breaches') @Allow('sla.breaches')
  @ReadsFrom(SLA_BREACHES, TICKETS)
  @ApiOperation({ summary: 'Targets met late (recorded) and open tickets already past a target (overdue now)' })
  async breaches(@CurrentPrincipal() principal: Principal, @Query() q: BreachesQuery) {
    const recordedFilter = withinReach(principal, { ...(q.target ? { target: q.target } : {}), ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}) });
    if (!recordedFilter) return { recorded: [], nextCursor: null, overdue: [] };
    const recorded = await (await this.readModels.collection<SlaBreach>(SLA_BREACHES)).findPage(recordedFilter, {
      sort: { breachedAt: -1 },
      limit: q.limit,
      cursor: q.cursor,
    });
    return { recorded: recorded.items.map(present), nextCursor: recorded.nextCursor ?? null, overdue: await this.overdue(q, principal) };
  }

  /** Open tickets past a due time right now: breaches in progress, not yet met. */
  private async overdue(q: BreachesQuery, principal: Principal) {
    const now = this.clock.now().toISOString();
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const who = q.assigneeId ? { assigneeId: q.assigneeId } : {};
    const found: Array<{ target: string; view: TicketView; dueAt: string }> = [];
    if (q.target !== 'resolution') {
      for (const view of await tickets.find(withinReach(principal, { open: true, firstResponseAt: null, firstResponseDueAt: { $lt: now }, ...who })!, { sort: { firstResponseDueAt: 1 }, limit: 100 })) {
        found.push({ target: 'first_response', view, dueAt: view.firstResponseDueAt });
      }
    }
    if (q.target !== 'first_response') {
      for (const view of await tickets.find(withinReach(principal, { open: true, resolutionDueAt: { $lt: now }, ...who })!, { sort: { resolutionDueAt: 1 }, limit: 100 })) {
        found.push({ target: 'resolution', view, dueAt: view.resolutionDueAt });
      }
    }
    return found.map(({ target, view, dueAt }) => ({
      ticketId: view._id,
      number: view.number,
      target,
      dueAt,
      minutesLate: minutesBetween(dueAt, now),
      priority: view.priority,
      category: view.category,
      assigneeId: view.assigneeId,
      team: view.team,
    }));
  }
}
