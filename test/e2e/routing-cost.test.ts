import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CommandResult, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { allProjections, QUEUE } from '@helpdesk/projections';
import { Collection, Filter, FindOptions, READ_STORE, ReadStore, SqliteReadStore } from '@helpdesk/read-store';
import { Actor, Language } from '@helpdesk/ticketing';
import { RoutingService } from '../../apps/api/src/routing/routing.service';
import { agent, startTestApp, supervisor, TestApp } from '../support/test-app';

const OFFICE = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
const MINUTE = 60_000;
/** The router's batch: no query of a pass may ask for more queue rows than this. */
const BATCH = 100;
/** Read whole on every pass: bounded by the people on the roster, not by the tickets. */
const ROSTER_COLLECTIONS = ['agents', 'workload'];
const SETTLE_MS = 540_000;
jest.setTimeout(600_000);

interface Query {
  collection: string;
  filter: Filter;
  options: FindOptions;
  returned: number;
}

/**
 * A pass must cost the same at 10 and at 100,000 open tickets. Time is not measured here: on the
 * embedded store, SQLite's own plan for each query the router makes shows what it reads. A plan
 * that seeks an index on every condition of the filter, and takes the sort from that index (no
 * temporary B-tree), visits only matching rows in order, so the LIMIT stops it after at most a
 * batch; a condition left out of the seek (a $ne, a field the index lacks) would have SQLite
 * read every open ticket to find the few that match, however small the limit.
 */
describe('the cost of a routing pass', () => {
  let t: TestApp;
  beforeEach(async () => {
    // Nothing else reads the queue meanwhile: only the router's own queries are looked at.
    const off = 'false';
    t = await startTestApp({ env: { RUN_ROUTING: off, RUN_SLA_WATCH: off, RUN_NOTIFICATIONS: off, RUN_AUTOMATION: off, RUN_AUTO_CLOSE: off, RUN_SATISFACTION_REACTOR: off }, users: [agent('agent-bilal')] });
  });
  afterEach(async () => t.destroy());

  const router = () => t.app.get(RoutingService);
  const runner = () => t.app.get(TicketCommandRunner);
  const as = (actor: Actor, scope: { email?: string } = {}) => ({ actor, scope, correlationId: randomUUID() });
  // Generous: on FerretDB the projections are one to two orders of magnitude slower (test/support/mongo-env.ts).
  const settle = async (position: bigint | string) => expect(await t.app.get(ProjectionEngine).waitFor(BigInt(position), undefined, SETTLE_MS)).toBe(true);

  const register = async (agentId: string, cap: number) => {
    await t.http.post('/agents').set(t.as(supervisor)).send({ agentId, name: agentId, email: `${agentId}@helpdesk.pk`, skills: ['incident', 'emergency'], languages: ['ur', 'en'], timeZone: 'Asia/Karachi', workingHours: OFFICE, maxOpenTickets: cap }).expect(201);
    return (await t.http.post(`/agents/${agentId}/availability`).set(t.as(agent(agentId))).send({ availability: 'online' }).expect(200)).body.position as string;
  };

  /**
   * `count` tickets through the command path: a third unassigned, a sixth assigned and not
   * acknowledged, a sixth being worked, a third resolved; across all four ranks.
   */
  const backlog = async (from: number, count: number): Promise<CommandResult> => {
    const customer = { id: 'cust-ayesha', role: 'customer' } as const;
    const categories = ['emergency', 'alert', 'question', 'incident', 'feature_request', 'general'] as const;
    let last!: CommandResult;
    for (let i = from; i < from + count; i++) {
      const data = { subject: `Backlog ${i}`, description: 'Generated for the routing cost test', channel: 'web' as const, category: categories[i % categories.length], customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: (i % 2 ? 'en' : 'ur') as Language } };
      last = await runner().submit(data, as(customer, { email: 'ayesha@example.pk' }));
      const id = last.id;
      if (i % 6 < 2) continue;
      const worker = { id: `agent-away-${i % 4}`, role: 'agent' } as const;
      last = await runner().execute(id, { type: 'AssignTicket', data: { agentId: worker.id } }, as({ id: supervisor.id, role: 'supervisor' }));
      if (i % 6 === 2) continue;
      last = await runner().execute(id, { type: 'StartWork', data: {} }, as(worker));
      if (i % 6 === 3) continue;
      last = await runner().execute(id, { type: 'ResolveTicket', data: { resolution: 'Fixed' } }, as(worker));
    }
    return last;
  };

  /** Every find the router makes during `work`, with what it returned. */
  const routerQueries = async (work: () => Promise<unknown>): Promise<Query[]> => {
    const queue = await t.app.get(ReadModels).collection(QUEUE);
    const prototype = Object.getPrototypeOf(queue) as Collection;
    const find = prototype.find;
    const seen: Query[] = [];
    const spy = jest.spyOn(prototype, 'find').mockImplementation(async function (this: Collection, filter: Filter, options: FindOptions = {}) {
      // The caller's frames are on the stack only before the first await.
      const byRouter = /apps[\\/]api[\\/]src[\\/]routing[\\/]/.test(new Error().stack ?? '');
      const found = await find.call(this, filter, options);
      if (byRouter) seen.push({ collection: this.name, filter, options, returned: found.length });
      return found;
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return seen;
  };

  /** One pass, then until the read models have what it assigned (so the next pass sees it). */
  const pass = async (options: { explain?: boolean } = {}): Promise<Query[]> => {
    const queries = await routerQueries(() => router().runOnce(options));
    await settle(await t.app.get<EventStore>(EVENT_STORE).headPosition());
    return queries;
  };
  /** An explained pass, then one as the router runs on its own. */
  const passes = async (): Promise<Query[]> => [...(await pass()), ...(await pass({ explain: false }))];

  it('answers every query of every kind of pass from an index bound on each condition, in index order, reading at most a batch, with and without planner statistics', async () => {
    // Monday 2026-01-05 09:00 in Karachi.
    await register('agent-ali', 1);
    await settle(await register('agent-bilal', 1));
    await settle((await backlog(0, 40)).position);
    t.clock.advance(61 * MINUTE); // the medium and high assignments are overdue now

    // Room for one each: the first passes assign and replace; then everyone is at cap; then nobody is at work.
    const queries = await passes();
    queries.push(...(await pass({ explain: false })));
    t.clock.advance(10 * 60 * MINUTE); // 20:00 in Karachi
    queries.push(...(await pass({ explain: false })));
    // Roster, workload, upcoming and overdue acknowledgements, unassigned (all ranks, emergencies
    // only); and, on the embedded store, the registry's record of which generation serves (by id).
    const kinds = new Set(queries.filter((q) => q.collection !== '_projections').map((q) => `${logicalName(q.collection)} ${Object.keys(q.filter).sort().join(',')} ${Object.keys(q.options.sort ?? {}).join(',')}`));
    expect([...kinds].sort()).toEqual([
      'agents active ',
      'queue acknowledged,assignedAt,open,rank assignedAt',
      'queue assigneeId,open rank,dueAt',
      'queue assigneeId,open,rank dueAt',
      'workload _id ',
    ]);

    const live = t.app.get<ReadStore>(READ_STORE);
    if (!(live instanceof SqliteReadStore)) return; // MongoDB: no SQLite plan to read (the same queries go through the port)
    for (const q of queries) {
      expect(q.options.limit).toBeDefined();
      if (!ROSTER_COLLECTIONS.includes(logicalName(q.collection))) expect(q.options.limit).toBeLessThanOrEqual(BATCH);
      expect(q.returned).toBeLessThanOrEqual(q.options.limit!);
    }
    expect(queries.map((q) => unboundedPlan(live.collection(q.collection).explain(q.filter, q.options), q)).filter(Boolean)).toEqual([]);

    // With statistics, as a long-lived store has them: a fresh connection after ANALYZE plans afresh.
    const file = join(t.dataDir, 'read.db');
    const analyze = new Database(file, { timeout: 30_000 }); // the projections may be writing: wait for the lock
    analyze.exec('ANALYZE');
    analyze.close();
    const analysed = new SqliteReadStore(file);
    try {
      expect(queries.map((q) => unboundedPlan(analysed.collection(q.collection).explain(q.filter, q.options), q)).filter(Boolean)).toEqual([]);
    } finally {
      await analysed.close();
    }
  });

  it('makes the same queries, each returning at most its limit, at 30 and at 150 tickets', async () => {
    await settle(await register('agent-ali', 1));
    await settle((await backlog(0, 30)).position);
    const small = await passes();
    await settle((await backlog(30, 120)).position);
    const large = await passes();
    const shape = (q: Query) => `${q.collection} ${JSON.stringify(q.filter)} ${JSON.stringify(q.options)}`;
    expect(large.map(shape)).toEqual(small.map(shape));
    for (const q of large) expect(q.returned).toBeLessThanOrEqual(q.options.limit!);
  });
});

/**
 * What is wrong with the plan, or null: it must seek one index with every filtered field among
 * the columns it binds, take its order from it, and scan nothing. SQLite then reads only rows
 * that match, in order, and stops at the limit.
 */
function unboundedPlan(plan: string[], q: Query): string | null {
  const why = (problem: string) => `${q.collection} ${JSON.stringify(q.filter)} ${JSON.stringify(q.options)}: ${problem} in "${plan.join(' | ')}"`;
  // The roster's rows are agents: reading all of them (and sorting them by id, the order
  // explanations list them in) costs the same whatever the number of tickets.
  if (ROSTER_COLLECTIONS.includes(logicalName(q.collection))) return null;
  if (plan.length !== 1) return why('more than one step (a scan, or a sort in a temporary B-tree)');
  const search = /^SEARCH \S+ USING (?:COVERING )?INDEX (\S+) \((.+)\)$/.exec(plan[0]);
  if (!search) return why('no index search');
  const [, index, bounds] = search;
  // A bound names a field column (`v:assigneeId`) or the id.
  const ops = bounds.split(' AND ').map((term) => /^[\w.:]+(=|>|<)\?$/.exec(term)?.[1]);
  if (!ops.every(Boolean)) return why('a bound it cannot read');
  const columns = ops.filter((op) => op === '=').length + (ops.some((op) => op !== '=') ? 1 : 0);
  const bound = indexKeys(q.collection, index).slice(0, columns);
  const unbound = Object.keys(q.filter).filter((field) => !bound.includes(field));
  return unbound.length ? why(`${unbound.join(', ')} not bound by the index (every row in the range is read to check it)`) : null;
}

/** The declared keys of an index (`ix_<collection>__<name>__c`), or `_id` for the primary key. */
function indexKeys(physical: string, index: string): string[] {
  if (index.startsWith('sqlite_autoindex_')) return ['_id'];
  const logical = logicalName(physical);
  const name = /^ix_.+?__(.+)__c$/.exec(index)?.[1];
  const spec = allProjections()
    .flatMap((p) => p.collections)
    .find((c) => c.name === logical)
    ?.indexes.find((i) => i.name === name);
  if (!spec) throw new Error(`${index} is not an index ${logical} declares`);
  return [...spec.keys.map(([path]) => path), '_id'];
}

const logicalName = (physical: string) => physical.replace(/_g\d+$/, '');
