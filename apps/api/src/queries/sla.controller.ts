import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SlaPolicyBook } from '@helpdesk/application';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { SLA_BREACHES, SlaBreach, TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { businessMinutesBetween, SlaPolicy } from '@helpdesk/sla';
import { Allow } from '../auth/policy';
import { actorOf, CurrentPrincipal, Principal } from '../auth/principal';
import { PublishSlaPolicyDto } from './dto/sla-policy.dto';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { BreachesQuery } from './dto/query-params';
import { present } from './present';
import { ReadsFrom } from './reads-from.decorator';
import { withinReach } from './ticket-access';

type Target = 'first_response' | 'resolution';
const FIELD: Record<Target, 'firstResponse' | 'resolution'> = { first_response: 'firstResponse', resolution: 'resolution' };

@ApiTags('sla')
@UseInterceptors(ConsistencyInterceptor)
@Controller('sla')
export class SlaController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: SlaPolicyBook,
  ) {}

  @Get('breaches') @Allow('sla.breaches')
  @ReadsFrom(SLA_BREACHES, TICKETS)
  @ApiOperation({ summary: 'Breaches recorded on tickets (with business minutes late once met), and open tickets past a deadline right now' })
  async breaches(@CurrentPrincipal() principal: Principal, @Query() q: BreachesQuery) {
    const recordedFilter = withinReach(principal, { ...(q.target ? { target: q.target } : {}), ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}) });
    if (!recordedFilter) return { recorded: [], nextCursor: null, overdue: [] };
    const recorded = await (await this.readModels.collection<SlaBreach>(SLA_BREACHES)).findPage(recordedFilter, { sort: { breachedAt: -1 }, limit: q.limit, cursor: q.cursor });
    const now = this.clock.now();
    const overdue = await this.running(principal, q, (target) => ({ [`sla.${FIELD[target]}.dueAt`]: { $lte: now.toISOString() } }));
    return {
      recorded: recorded.items.map(present),
      nextCursor: recorded.nextCursor ?? null,
      overdue: await Promise.all(overdue.map(async ({ view, target }) => ({ ...this.row(view, target, now), businessMinutesLate: -(await this.remaining(view, target, now)) }))),
    };
  }

  @Get('at-risk') @Allow('sla.atRisk')
  @ReadsFrom(TICKETS)
  @ApiOperation({ summary: 'Open tickets past a target’s warning threshold (80% by default) but not yet due, soonest first' })
  async atRisk(@CurrentPrincipal() principal: Principal, @Query() q: BreachesQuery) {
    const now = this.clock.now();
    const found = await this.running(principal, q, (target) => ({
      [`sla.${FIELD[target]}.warningAt`]: { $lte: now.toISOString() },
      [`sla.${FIELD[target]}.dueAt`]: { $gt: now.toISOString() },
    }));
    return {
      items: (await Promise.all(found.map(async ({ view, target }) => ({ ...this.row(view, target, now), businessMinutesRemaining: await this.remaining(view, target, now) })))).sort((a, b) =>
        a.dueAt.localeCompare(b.dueAt),
      ),
    };
  }

  @Get('policies') @Allow('sla.policies.list')
  @ApiOperation({ summary: 'The SLA policy in force and every earlier version: targets per class in business minutes, calendars, warning threshold' })
  async listPolicies() {
    const history = await this.policies.history();
    return { current: history[history.length - 1], versions: history.reverse() };
  }

  @Post('policies') @Allow('sla.policies.publish')
  @HttpCode(201)
  @ApiOperation({ summary: 'Publishes the next policy version (supervisors, admins); tickets submitted from now on run on it, earlier ones keep theirs' })
  async publish(@CurrentPrincipal() principal: Principal, @Body() body: PublishSlaPolicyDto) {
    const current = await this.policies.current();
    const classes = Object.fromEntries(
      Object.entries(current.classes).map(([cls, c]) => [cls, { targets: body.targets?.[cls as keyof SlaPolicy['classes']] ?? c.targets, calendar: c.calendar }]),
    ) as SlaPolicy['classes'];
    return this.policies.publish({ warningFraction: body.warningFraction ?? current.warningFraction, classes }, actorOf(principal), this.clock.now());
  }

  /** Open tickets within the principal's reach whose clock for a target is running and matches `extra`, per target asked for. */
  private async running(principal: Principal, q: BreachesQuery, extra: (target: Target) => Filter): Promise<Array<{ view: TicketView; target: Target }>> {
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const who = q.assigneeId ? { assigneeId: q.assigneeId } : {};
    const found: Array<{ view: TicketView; target: Target }> = [];
    for (const target of ['first_response', 'resolution'] as const) {
      if (q.target && q.target !== target) continue;
      const filter = withinReach(principal, { open: true, ...who, [`sla.${FIELD[target]}.metAt`]: null, [`sla.${FIELD[target]}.status`]: { $in: ['running', 'breached'] }, ...extra(target) });
      if (!filter) return [];
      for (const view of await tickets.find(filter, { sort: { slaNextAt: 1 }, limit: 200 })) found.push({ view, target });
    }
    return found;
  }

  private row(view: TicketView, target: Target, now: Date) {
    const sla = view.sla![FIELD[target]];
    return {
      ticketId: view._id,
      number: view.number,
      target,
      dueAt: sla.dueAt!,
      warningAt: sla.warningAt,
      checkedAt: now.toISOString(),
      priority: view.priority,
      category: view.category,
      assigneeId: view.assigneeId,
      team: view.team,
    };
  }

  /** Business minutes until the target falls due (negative when late), on the calendar of the ticket's own policy. */
  private async remaining(view: TicketView, target: Target, now: Date): Promise<number> {
    const calendar = (await this.policies.get(view.sla!.policy)).classes[view.sla!.slaClass].calendar;
    return Math.round(businessMinutesBetween(calendar, now, new Date(view.sla![FIELD[target]].dueAt!)));
  }
}
