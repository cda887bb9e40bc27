import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

/** Totals and counts stop at their caps and say so, so that a page costs the same at a million tickets. */
describe('capped totals and counts', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { QUERY_TOTAL_CAP: '2', QUERY_COUNT_CAP: '2' } })));
  afterEach(async () => t.destroy());

  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body;

  it('answers an exact total up to QUERY_TOTAL_CAP and "more than the cap" beyond it, on the ticket list and the queue', async () => {
    await submit({ category: 'question' });
    await submit({ category: 'question' });
    const last = await submit({ category: 'incident' });
    const get = async (path: string, query: Record<string, string> = {}) =>
      (await t.http.get(path).query({ consistentWith: last.position, limit: '1', ...query }).set(t.as(agent())).expect(200)).body;

    for (const path of ['/tickets', '/queue']) {
      const capped = await get(path);
      expect({ path, total: capped.total, totalExact: capped.totalExact }).toEqual({ path, total: 2, totalExact: false });
      expect(capped.items).toHaveLength(1);
      // Exactly the cap is still exact: counting goes one past it to tell the two apart.
      const atCap = await get(path, { category: 'question' });
      expect({ path, total: atCap.total, totalExact: atCap.totalExact }).toEqual({ path, total: 2, totalExact: true });
      const under = await get(path, { category: 'incident' });
      expect({ path, total: under.total, totalExact: under.totalExact }).toEqual({ path, total: 1, totalExact: true });
    }
    // Paging is not capped: every ticket is reachable by cursor.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get('/tickets', cursor ? { cursor } : {});
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(3);
  });

  it('stops each queue count at QUERY_COUNT_CAP and names the cap; exact=true counts every match', async () => {
    await submit({ category: 'question' });
    await submit({ category: 'question' });
    await submit({ category: 'question' });
    const english = await submit({ customer: { name: 'John Doe', email: 'ayesha@example.pk', language: 'en' } });
    const last = (await t.http.post(`/tickets/${english.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200)).body;
    const counts = async (query: Record<string, string> = {}) =>
      (await t.http.get('/queue/counts').query({ consistentWith: last.position, ...query }).set(t.as(agent('agent-ali'))).expect(200)).body;

    const capped = await counts();
    expect(capped.countCap).toBe(2);
    expect(capped.views).toEqual({ mine: 1, unassigned: 2, all: 2 });
    expect(capped.facets.category).toMatchObject({ question: 2, incident: 1, emergency: 0 });

    const exact = await counts({ exact: 'true' });
    expect(exact.countCap).toBeNull();
    expect(exact.views).toEqual({ mine: 1, unassigned: 3, all: 4 });
    expect(exact.facets.category).toMatchObject({ question: 3, incident: 1, emergency: 0 });

    const bad = await t.http.get('/queue/counts').query({ exact: 'yes' }).set(t.as(agent())).expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body)).toContain('exact');
  });
});
