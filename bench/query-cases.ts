import { QueueController } from '../apps/api/src/queries/queue.controller';
import { TicketQueriesController } from '../apps/api/src/queries/ticket-queries.controller';
import { ListTicketsQuery, QueueCountsQuery, QueueQuery } from '../apps/api/src/queries/dto/query-params';
import { Principal } from '../apps/api/src/auth/principal';
import { CATEGORIES, LANGUAGES, OPEN_STATUSES, PRIORITIES } from '@helpdesk/ticketing';
import { QueryAnswer, RawReadModels } from './raw-read-models';
import { agentId, customerEmail, LifeOptions } from './ticket-lives';

/**
 * The requests an agent's screens make, timed through the API's own controller methods (the
 * filter, sort, page and total they build, and the presentation of the page) without HTTP, and
 * answered again by the baseline's hand-written SQL. Sample `k` varies the agent and customer.
 */
export interface QueryCase {
  name: string;
  endpoint: 'queue' | 'counts' | 'exact-counts' | 'tickets';
  api(k: number): Promise<QueryAnswer>;
  raw(k: number): QueryAnswer;
}

export interface Controllers {
  queue: QueueController;
  tickets: TicketQueriesController;
}

const PAGE = 25;
const FACET_VALUES = { status: OPEN_STATUSES, priority: PRIORITIES, category: CATEGORIES, language: LANGUAGES };
const QUEUE_ORDER = 'rank ASC, dueAt ASC, id ASC';
const LIST_ORDER = 'updatedAt DESC, id ASC';

export function queryCases(api: Controllers, raw: RawReadModels, life: Pick<LifeOptions, 'agents' | 'customers'>): QueryCase[] {
  // Supervisors reach every ticket, so the baseline's SQL needs no reach clause; the id is an agent's for view=mine.
  const agent = (k: number): Principal => {
    const id = agentId((k * 31) % life.agents);
    return { id, role: 'supervisor', email: `${id}@bench.test`, name: id, teams: [], piiAccess: false, credential: { kind: 'session', sessionId: 'bench' } };
  };
  const email = (k: number) => customerEmail((k * 7919) % life.customers);
  const queue = async (actor: Principal, q: Partial<QueueQuery>) => answer(await api.queue.queue(actor, { view: 'all', limit: PAGE, ...q } as QueueQuery));
  const list = async (actor: Principal, q: Partial<ListTicketsQuery>) =>
    answer(await api.tickets.list(actor, { sort: 'updatedAt', order: 'desc', limit: PAGE, ...q } as ListTicketsQuery));

  return [
    {
      name: 'GET /queue (view=all)',
      endpoint: 'queue',
      api: (k) => queue(agent(k), {}),
      raw: () => raw.page('queue', 'open = 1', [], QUEUE_ORDER),
    },
    {
      name: 'GET /queue?view=mine',
      endpoint: 'queue',
      api: (k) => queue(agent(k), { view: 'mine' }),
      raw: (k) => raw.page('queue', 'open = 1 AND assigneeId = ?', [agent(k).id], QUEUE_ORDER),
    },
    {
      name: 'GET /queue?view=unassigned',
      endpoint: 'queue',
      api: (k) => queue(agent(k), { view: 'unassigned' }),
      raw: () => raw.page('queue', 'open = 1 AND assigneeId IS NULL', [], QUEUE_ORDER),
    },
    {
      name: 'GET /queue?status=in_progress,waiting_on_customer',
      endpoint: 'queue',
      api: (k) => queue(agent(k), { status: ['in_progress', 'waiting_on_customer'] }),
      raw: () => raw.page('queue', 'open = 1 AND status IN (?, ?)', ['in_progress', 'waiting_on_customer'], QUEUE_ORDER),
    },
    {
      name: 'GET /queue?language=ur&priority=high',
      endpoint: 'queue',
      api: (k) => queue(agent(k), { language: ['ur'], priority: ['high'] }),
      raw: () => raw.page('queue', 'open = 1 AND language = ? AND priority = ?', ['ur', 'high'], QUEUE_ORDER),
    },
    {
      name: 'GET /queue/counts (view=all)',
      endpoint: 'counts',
      api: async (k) => countsAnswer(await api.queue.counts(agent(k), { view: 'all' } as QueueCountsQuery)),
      raw: (k) => raw.counts(agent(k).id, 'all', FACET_VALUES),
    },
    {
      name: 'GET /queue/counts?view=mine',
      endpoint: 'counts',
      api: async (k) => countsAnswer(await api.queue.counts(agent(k), { view: 'mine' } as QueueCountsQuery)),
      raw: (k) => raw.counts(agent(k).id, 'mine', FACET_VALUES),
    },
    {
      name: 'GET /queue/counts?exact=true (view=all)',
      endpoint: 'exact-counts',
      api: async (k) => countsAnswer(await api.queue.counts(agent(k), { view: 'all', exact: 'true' } as QueueCountsQuery)),
      raw: (k) => raw.exactCounts(agent(k).id, 'all', FACET_VALUES),
    },
    {
      name: 'GET /tickets',
      endpoint: 'tickets',
      api: (k) => list(agent(k), {}),
      raw: () => raw.page('tickets', '1', [], LIST_ORDER),
    },
    {
      name: 'GET /tickets?status=new,assigned',
      endpoint: 'tickets',
      api: (k) => list(agent(k), { status: ['new', 'assigned'] }),
      raw: () => raw.page('tickets', 'status IN (?, ?)', ['new', 'assigned'], LIST_ORDER),
    },
    {
      name: 'GET /tickets?assigneeId=<agent>',
      endpoint: 'tickets',
      api: (k) => list(agent(k), { assigneeId: agent(k).id }),
      raw: (k) => raw.page('tickets', 'assigneeId = ?', [agent(k).id], LIST_ORDER),
    },
    {
      name: 'GET /tickets?customerEmail=<email>',
      endpoint: 'tickets',
      api: (k) => list(agent(k), { customerEmail: email(k) }),
      raw: (k) => raw.page('tickets', 'customer_email = ?', [email(k)], LIST_ORDER),
    },
  ];
}

function countsAnswer(result: { views: Record<string, number>; facets: Record<string, Record<string, number>> }): QueryAnswer {
  const lines = [
    ...Object.entries(result.views).map(([view, n]) => `views.${view}=${n}`),
    ...Object.entries(result.facets).flatMap(([facet, values]) => Object.entries(values).map(([value, n]) => `${facet}.${value}=${n}`)),
  ];
  return { ids: lines.sort(), total: result.views.all };
}

function answer(result: { items: Array<Record<string, unknown>>; total: number }): QueryAnswer {
  return { ids: result.items.map((item) => String(item.id)), total: result.total };
}
