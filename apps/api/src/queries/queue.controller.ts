import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { Filter } from '@helpdesk/read-store';
import { QUEUE, QueueItem } from '@helpdesk/projections';
import { CATEGORIES, LANGUAGES, OPEN_STATUSES, PRIORITIES } from '@helpdesk/ticketing';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { QueueCountsQuery, QueueQuery } from './dto/query-params';
import { anyOf } from './filters';
import { ListTotals } from './list-totals';
import { presentQueueItem, withinReach } from './ticket-access';
import { ReadsFrom } from './reads-from.decorator';
import { SlaRemaining } from './sla-remaining';

const VIEWS = ['mine', 'unassigned', 'team', 'all'] as const;
const FACET_VALUES = { status: OPEN_STATUSES, priority: PRIORITIES, category: CATEGORIES, language: LANGUAGES } as const;
const facetsOf = (q: QueueQuery) => ({ status: q.status, priority: q.priority, category: q.category, language: q.language, tags: q.tag });

@ApiTags('queries')
@UseInterceptors(ConsistencyInterceptor)
@Controller('queue')
export class QueueController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly slaRemaining: SlaRemaining,
    private readonly totals: ListTotals,
  ) {}

  @Get() @Allow('queue')
  @ReadsFrom(QUEUE)
  @ApiOperation({ summary: 'Open tickets for agents: mine, unassigned, a team, or all; emergency first, then priority, then due time' })
  async queue(@CurrentPrincipal() principal: Principal, @Query() q: QueueQuery) {
    const filter = withinReach(principal, { open: true, ...this.view(principal, q.view, q), ...anyOf(facetsOf(q)) });
    if (!filter) return { items: [], nextCursor: null, total: 0, totalExact: true };
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const page = await queue.findPage(filter, { sort: { rank: 1, dueAt: 1 }, limit: q.limit, cursor: q.cursor });
    const items = await Promise.all(page.items.map(async (item) => presentQueueItem(await this.slaRemaining.annotate(item), principal)));
    return { items, nextCursor: page.nextCursor ?? null, ...(await this.totals.of(queue, filter)) };
  }

  @Get('counts') @Allow('queue.counts')
  @ReadsFrom(QUEUE)
  @ApiOperation({
    summary: 'How many open tickets each view and each filter value would show',
    description:
      'View counts apply the filters given; each filter value is counted with the view and the other filters applied, as faceted search does. ' +
      'Counting stops at `countCap` (QUERY_COUNT_CAP): a count equal to it means at least that many. `exact=true` counts every match (`countCap` null).',
  })
  async counts(@CurrentPrincipal() principal: Principal, @Query() q: QueueCountsQuery) {
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const exact = q.exact === 'true';
    const count = async (filter: Filter) => {
      const reachable = withinReach(principal, { open: true, ...filter });
      return reachable ? this.totals.count(queue, reachable, exact) : 0;
    };
    const chosen = facetsOf(q);
    const views: Record<string, number> = {};
    for (const view of q.team ? VIEWS : VIEWS.filter((v) => v !== 'team')) {
      views[view] = await count({ ...this.view(principal, view, q), ...anyOf(chosen) });
    }
    const selected = this.view(principal, q.view, q);
    const facets: Record<string, Record<string, number>> = {};
    for (const [facet, values] of Object.entries(FACET_VALUES)) {
      facets[facet] = {};
      for (const value of values) facets[facet][value] = await count({ ...selected, ...anyOf({ ...chosen, [facet]: [value] }) });
    }
    return { views, facets, countCap: this.totals.countCap(exact) };
  }

  private view(principal: Principal, view: QueueQuery['view'], q: QueueQuery): Filter {
    return view === 'mine' ? { assigneeId: principal.id } : view === 'unassigned' ? { assigneeId: null } : view === 'team' ? { team: this.team(q) } : {};
  }

  private team(q: QueueQuery): string {
    if (!q.team) throw problem(400, 'validation-failed', 'Invalid request', 'view=team needs a team parameter.');
    return q.team;
  }
}
