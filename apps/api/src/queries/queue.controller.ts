import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { QUEUE, QueueItem } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { QueueQuery } from './dto/query-params';
import { anyOf } from './filters';
import { presentQueueItem, withinReach } from './ticket-access';
import { ReadsFrom } from './reads-from.decorator';
import { SlaRemaining } from './sla-remaining';

@ApiTags('queries')
@UseInterceptors(ConsistencyInterceptor)
@Controller('queue')
export class QueueController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly slaRemaining: SlaRemaining,
  ) {}

  @Get() @Allow('queue')
  @ReadsFrom(QUEUE)
  @ApiOperation({ summary: 'Open tickets for agents: mine, unassigned, a team, or all; emergency first, then priority, then due time' })
  async queue(@CurrentPrincipal() principal: Principal, @Query() q: QueueQuery) {
    const view: Filter =
      q.view === 'mine' ? { assigneeId: principal.id } : q.view === 'unassigned' ? { assigneeId: null } : q.view === 'team' ? { team: this.team(q) } : {};
    const filter = withinReach(principal, {
      open: true,
      ...view,
      ...anyOf({ status: q.status, priority: q.priority, category: q.category, language: q.language }),
    });
    if (!filter) return { items: [], nextCursor: null, total: 0 };
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const page = await queue.findPage(filter, { sort: { rank: 1, dueAt: 1 }, limit: q.limit, cursor: q.cursor });
    const items = await Promise.all(page.items.map(async (item) => presentQueueItem(await this.slaRemaining.annotate(item), principal)));
    return { items, nextCursor: page.nextCursor ?? null, total: await queue.count(filter) };
  }

  private team(q: QueueQuery): string {
    if (!q.team) throw problem(400, 'validation-failed', 'Invalid request', 'view=team needs a team parameter.');
    return q.team;
  }
}
