import { ReadModels } from '@helpdesk/projection-engine';
import { QUEUE } from '@helpdesk/projections';
import { agent, analyst, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind } from '../support/wait';

// Only a hang should reach this: a busy two-core machine may run the work many times slower.
jest.setTimeout(300_000);

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The two figures the supervisor dashboard needs that no other endpoint gives: the open backlog
 * by age, and per-agent first-response times over a range (a median of all the samples).
 */
describe('dashboard figures over HTTP', () => {
  let t: TestApp;
  let last = '0';
  // The SLA watch and the router would add events at moments that depend on the machine's speed.
  beforeEach(async () => (t = await startTestApp({ env: { RUN_SLA_WATCH: 'false', RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const post = async (path: string, who: TestUser, body: object = {}) => {
    const res = await t.http.post(path).set(t.as(who)).send(body);
    if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${res.text}`);
    last = res.body.position;
    return res.body;
  };
  const get = (path: string, query: Record<string, string> = {}) => retryWhileBehind(() => t.http.get(path).query({ ...query, consistentWith: last }).set(t.as(analyst)));

  it('counts the open backlog per age bucket, closed tickets left out, from an index', async () => {
    const now = new Date('2026-01-20T06:00:00.000Z');
    const ages = [400, 200, 100, 50, 30, 10, 2, 2, 0.5, 0];
    for (const hours of ages) {
      t.clock.set(new Date(now.getTime() - hours * HOUR).toISOString());
      const { id } = await post('/tickets', customer, newTicket({ subject: `${hours} hours old` }));
      if (hours !== 50) continue;
      // Resolved and closed: no longer in the backlog, however old.
      await post(`/tickets/${id}/assign`, supervisor, { agentId: 'agent-ali' });
      await post(`/tickets/${id}/start`, agent('agent-ali'));
      await post(`/tickets/${id}/resolve`, agent('agent-ali'), { resolution: 'Fixed' });
      await post(`/tickets/${id}/confirm`, customer);
      await post(`/tickets/${id}/close`, agent('agent-ali'));
    }
    t.clock.set(now.toISOString());

    const res = await get('/metrics/backlog/ages');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      at: now.toISOString(),
      open: 9,
      buckets: [
        { bucket: 'under_1h', fromHours: 0, toHours: 1, count: 2 },
        { bucket: '1h_4h', fromHours: 1, toHours: 4, count: 2 },
        { bucket: '4h_24h', fromHours: 4, toHours: 24, count: 1 },
        { bucket: '1d_3d', fromHours: 24, toHours: 72, count: 1 },
        { bucket: '3d_7d', fromHours: 72, toHours: 168, count: 1 },
        { bucket: 'over_7d', fromHours: 168, toHours: null, count: 2 },
      ],
    });
    const backlog = (await get('/metrics/backlog')).body;
    expect(backlog.open).toBe(res.body.open);

    // The embedded store shows its plan: the counts go through an index on `open`, not the whole collection.
    const queue = (await t.app.get(ReadModels).collection(QUEUE)) as unknown as { explain?: (f: object, o: object) => string[] };
    if (queue.explain) {
      const plan = queue.explain({ open: true, submittedAt: { $lte: now.toISOString(), $gt: new Date(now.getTime() - 4 * HOUR).toISOString() } }, { count: true }).join(' | ');
      expect(plan).toMatch(/USING (COVERING )?INDEX ix_queue/);
    }
    await t.http.get('/metrics/backlog/ages').query({ consistentWith: 'soon' }).set(t.as(analyst)).expect(400);
    await t.http.get('/metrics/backlog/ages').set(t.as(agent())).expect(403);
  });

  it('sums a range per agent: first-response median and p90 over all their samples, not a median of daily medians', async () => {
    // Karachi office hours (09:00-18:00 PKT = 04:00-13:00 UTC): business minutes equal wall-clock minutes.
    const answer = async (day: string, who: string, minutes: number) => {
      const start = new Date(`${day}T05:00:00.000Z`).getTime();
      t.clock.set(new Date(start).toISOString());
      const { id } = await post('/tickets', customer, newTicket({ subject: `${who} ${day} ${minutes}` }));
      t.clock.set(new Date(start + MINUTE).toISOString());
      await post(`/tickets/${id}/assign`, supervisor, { agentId: who });
      t.clock.set(new Date(start + minutes * MINUTE).toISOString());
      await post(`/tickets/${id}/comments`, agent(who), { body: 'On it', visibility: 'public' });
    };
    await answer('2026-01-05', 'agent-ali', 10);
    await answer('2026-01-05', 'agent-ali', 20);
    await answer('2026-01-06', 'agent-ali', 60);
    await answer('2026-01-06', 'agent-sara', 40);
    await post('/tickets', customer, newTicket({ subject: 'never answered' }));

    const res = await get('/metrics/summary', { dimension: 'agent', from: '2026-01-01', to: '2026-01-31' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ zone: 'Asia/Karachi', dimension: 'agent', from: '2026-01-01', to: '2026-01-31' });
    const byAgent = Object.fromEntries(res.body.items.map((i: { value: string }) => [i.value, i]));
    expect(Object.keys(byAgent)).toEqual(['agent-ali', 'agent-sara', 'unassigned']);
    expect(byAgent['agent-ali'].firstResponseBusinessMinutes).toEqual({ count: 3, median: 20, p90: 60 });
    expect(byAgent['agent-sara'].firstResponseBusinessMinutes).toEqual({ count: 1, median: 40, p90: 40 });
    expect(byAgent.unassigned.ticketsIn).toBe(5);
    // The daily medians (10 and 60) say something else.
    const daily = (await get('/metrics/daily', { dimension: 'agent', value: 'agent-ali', from: '2026-01-01', to: '2026-01-31' })).body.items;
    expect(daily.map((d: { firstResponseBusinessMinutes: { median: number } }) => d.firstResponseBusinessMinutes.median)).toEqual([10, 60]);

    const all = (await get('/metrics/summary', { from: '2026-01-05', to: '2026-01-06' })).body.items;
    expect(all).toEqual([expect.objectContaining({ value: '*', ticketsIn: 5, firstResponseBusinessMinutes: { count: 4, median: 20, p90: 60 } })]);
    const one = (await get('/metrics/summary', { dimension: 'agent', value: 'agent-sara', from: '2026-01-05', to: '2026-01-06' })).body.items;
    expect(one.map((i: { value: string }) => i.value)).toEqual(['agent-sara']);

    for (const query of [{ dimension: 'shoe size' }, { from: '2026-02-01', to: '2026-01-01' }, { from: '2025-01-01', to: '2026-01-31' }, { from: 'yesterday' }]) {
      const bad = await t.http.get('/metrics/summary').query(query).set(t.as(analyst));
      expect({ query, status: bad.status, type: bad.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
    }
    await t.http.get('/metrics/summary').set(t.as(customer)).expect(403);
  });
});
