import { admin, agent, auditor, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

describe('read side over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(async () => t.destroy());

  const submit = async (overrides: Record<string, unknown> = {}, who: TestUser = customer) => (await t.http.post('/tickets').set(t.as(who)).send(newTicket(overrides)).expect(201)).body;
  const act = async (id: string, action: string, who: TestUser, body: object = {}) =>
    (await t.http.post(`/tickets/${id}/${action}`).set(t.as(who)).send(body).expect(200)).body;

  it('reads its own writes with consistentWith', async () => {
    const ticket = await submit();
    const assigned = await act(ticket.id, 'assign', supervisor, { agentId: 'agent-ali' });
    const view = await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: assigned.position }).set(t.as(agent())).expect(200);
    expect(view.body).toMatchObject({ id: ticket.id, number: 'HD-000001', status: 'assigned', assigneeId: 'agent-ali', revision: 1, priority: 'medium', category: 'incident' });
    expect(view.body).not.toHaveProperty('_id');
    expect(view.body).not.toHaveProperty('_position');
    const byNumber = await t.http.get('/tickets/HD-000001').set('X-Consistent-With', assigned.position).set(t.as(agent())).expect(200);
    expect(byNumber.body.id).toBe(ticket.id);
  });

  it('answers 503 with Retry-After when the read model cannot reach a position in time, and 400 for a bad one or one never written', async () => {
    // No projections run in this process, so no read model reaches the ticket's position.
    const slow = await startTestApp({ env: { CONSISTENCY_WAIT_MS: '50', RUN_PROJECTIONS: 'false' } });
    try {
      const written = (await slow.http.post('/tickets').set(slow.as(customer)).send(newTicket()).expect(201)).body;
      const res = await slow.http.get('/tickets').query({ consistentWith: written.position }).set(slow.as(agent())).expect(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body.type).toBe('urn:helpdesk:problem:read-model-behind');
      const bad = await slow.http.get('/tickets').query({ consistentWith: '-5' }).set(slow.as(agent())).expect(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      const unwritten = await slow.http.get('/tickets').query({ consistentWith: (BigInt(written.position) + 1000n).toString() }).set(slow.as(agent())).expect(400);
      expect(unwritten.body).toMatchObject({ type: 'urn:helpdesk:problem:position-not-written', detail: expect.stringContaining('No command has returned position') });
    } finally {
      await slow.destroy();
    }
  });

  it('orders the queue emergency first, then priority, then due time; with mine and unassigned views', async () => {
    const low = await submit({ subject: 'low one', category: 'question' });
    await act(low.id, 'prioritize', agent(), { priority: 'low' });
    t.clock.advance(60_000); // later submissions fall due later: due time orders equal ranks
    const medium = await submit({ subject: 'medium one', category: 'general' });
    t.clock.advance(60_000);
    const high = await submit({ subject: 'high one', category: 'incident' });
    await act(high.id, 'prioritize', agent(), { priority: 'high' });
    const emergency = await submit({ subject: 'emergency one', category: 'emergency' });
    t.clock.advance(60_000);
    const mine = await submit({ subject: 'assigned to ali' });
    const last = await act(mine.id, 'assign', supervisor, { agentId: 'agent-ali' });

    const all = await t.http.get('/queue').query({ consistentWith: last.position }).set(t.as(agent())).expect(200);
    expect(all.body.items.map((i: { subject: string }) => i.subject)).toEqual(['emergency one', 'high one', 'medium one', 'assigned to ali', 'low one']);
    expect(all.body.total).toBe(5);

    const unassigned = await t.http.get('/queue').query({ view: 'unassigned' }).set(t.as(agent())).expect(200);
    expect(unassigned.body.items.map((i: { id: string }) => i.id)).toEqual([emergency.id, high.id, medium.id, low.id]);
    const mineView = await t.http.get('/queue').query({ view: 'mine' }).set(t.as(agent('agent-ali'))).expect(200);
    expect(mineView.body.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect(mineView.body.items[0]).toMatchObject({ language: 'ur', customerName: 'Ayesha Khan', status: 'assigned' });

    const resolvedAway = await act(emergency.id, 'assign', supervisor, { agentId: 'agent-sara' });
    await act(emergency.id, 'start', agent('agent-sara'));
    const done = await act(emergency.id, 'resolve', agent('agent-sara'), { resolution: 'fixed' });
    expect(Number(done.position)).toBeGreaterThan(Number(resolvedAway.position));
    const after = await t.http.get('/queue').query({ consistentWith: done.position }).set(t.as(agent())).expect(200);
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(emergency.id);
    const filtered = await t.http.get('/queue').query({ priority: 'low,high' }).set(t.as(agent())).expect(200);
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([high.id, low.id]);
  });

  it('counts what each queue view and each filter value would show, as faceted search does', async () => {
    await submit({ subject: 'a question', category: 'question' });
    await submit({ subject: 'an incident' });
    const english = await submit({ subject: 'in English', customer: { name: 'John Doe', email: 'ayesha@example.pk', language: 'en' } });
    const last = await act(english.id, 'assign', supervisor, { agentId: 'agent-ali' });
    const counts = async (query: Record<string, string>) =>
      (await t.http.get('/queue/counts').query({ consistentWith: last.position, ...query }).set(t.as(agent('agent-ali'))).expect(200)).body;

    const all = await counts({});
    expect(all.views).toEqual({ mine: 1, unassigned: 2, all: 3 });
    expect(all.facets.status).toEqual({ new: 2, assigned: 1, in_progress: 0, waiting_on_customer: 0 });
    expect(all.facets.language).toEqual({ en: 1, ur: 2, other: 0 });
    expect(all.facets.category).toMatchObject({ question: 1, incident: 2, emergency: 0 });
    expect(Object.values(all.facets.priority as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);

    // A filter narrows the views and the other facets, not its own facet's alternatives.
    const urdu = await counts({ language: 'ur' });
    expect(urdu.views).toEqual({ mine: 0, unassigned: 2, all: 2 });
    expect(urdu.facets.language).toEqual({ en: 1, ur: 2, other: 0 });
    expect(urdu.facets.category).toMatchObject({ question: 1, incident: 1 });
    const mine = await counts({ view: 'mine' });
    expect(mine.facets.status).toMatchObject({ new: 0, assigned: 1 });
    expect((await counts({ team: 'karachi' })).views).toMatchObject({ team: 0 });

    const noTeam = await t.http.get('/queue/counts').query({ view: 'team' }).set(t.as(agent())).expect(400);
    expect(noTeam.headers['content-type']).toMatch(/problem\+json/);
    await t.http.get('/queue/counts').query({ status: 'bogus' }).set(t.as(agent())).expect(400);
  });

  it('lists tickets with filters, cursor pages and a total, refusing unknown parameters', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(60_000);
      // Email and phone tickets are recorded by staff; customers submit through the web.
      ids.push((await submit({ subject: `ticket ${i}`, channel: i % 2 ? 'email' : 'web' }, i % 2 ? agent() : customer)).id);
    }
    const last = await submit({ subject: 'phone', channel: 'phone' }, agent());
    const seen: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await t.http
        .get('/tickets')
        .query({ limit: 3, sort: 'submittedAt', order: 'asc', channel: 'web,email', consistentWith: last.position, ...(cursor ? { cursor } : {}) })
        .set(t.as(agent()))
        .expect(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      expect(page.body.items[0]).not.toHaveProperty('description');
      total = page.body.total;
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect(total).toBe(7);
    const bad = await t.http.get('/tickets').query({ status: 'sleeping', bogus: 1, limit: 1000 }).set(t.as(agent())).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['bogus', 'limit', 'status']);
  });

  it('never shows internal notes to the customer', async () => {
    const ticket = await submit();
    await act(ticket.id, 'comments', agent(), { body: 'Hello Ayesha', visibility: 'public' });
    const note = await act(ticket.id, 'comments', agent(), { body: 'Customer is on an old plan', visibility: 'internal' });
    const forCustomer = await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: note.position }).set(t.as(customer)).expect(200);
    expect(forCustomer.body.comments.map((c: { body: string }) => c.body)).toEqual(['Hello Ayesha']);
    expect(JSON.stringify(forCustomer.body)).not.toContain('old plan');
    const forAgent = await t.http.get(`/tickets/${ticket.id}`).set(t.as(agent())).expect(200);
    expect(forAgent.body.comments).toHaveLength(2);
    expect(forAgent.body.firstResponseAt).toBe('2026-01-05T04:00:00.000Z');
  });

  it('keeps an audit trail of who changed what, before and after', async () => {
    const ticket = await submit();
    await act(ticket.id, 'assign', supervisor, { agentId: 'agent-ali' });
    const last = await act(ticket.id, 'prioritize', agent(), { priority: 'high', reason: 'VIP' });
    const trail = await t.http.get(`/tickets/${ticket.id}/audit`).query({ consistentWith: last.position }).set(t.as(auditor)).expect(200);
    expect(trail.body.items.map((e: { type: string }) => e.type)).toEqual(['TicketSubmitted', 'TicketAssigned', 'TicketPrioritized']);
    expect(trail.body.items[1]).toMatchObject({
      actor: { id: 'sup-sana', role: 'supervisor' },
      revision: 1,
      changes: expect.arrayContaining([
        { field: 'status', before: 'new', after: 'assigned' },
        { field: 'assigneeId', before: null, after: 'agent-ali' },
      ]),
    });
    expect(trail.body.items[2].changes).toEqual([{ field: 'priority', before: 'medium', after: 'high' }]);
  });

  it('counts open work per agent', async () => {
    const a = await submit();
    const b = await submit();
    await act(a.id, 'assign', supervisor, { agentId: 'agent-ali' });
    await act(b.id, 'assign', supervisor, { agentId: 'agent-ali' });
    await act(a.id, 'start', agent('agent-ali'));
    await act(a.id, 'resolve', agent('agent-ali'), { resolution: 'done' });
    const last = await act(b.id, 'assign', supervisor, { agentId: 'agent-sara' });
    const load = await t.http.get('/workload').query({ consistentWith: last.position }).set(t.as(supervisor)).expect(200);
    const byAgent = Object.fromEntries(load.body.items.map((w: { id: string; open: number; byStatus: object }) => [w.id, [w.open, w.byStatus]]));
    expect(byAgent['agent-ali']).toEqual([0, { assigned: 0, in_progress: 0 }]);
    expect(byAgent['agent-sara']).toEqual([1, { assigned: 1 }]);
  });

  it('reports every projection with its checkpoint and lag', async () => {
    const ticket = await submit();
    await t.http.get('/tickets').query({ consistentWith: ticket.position }).set(t.as(agent())).expect(200);
    const { body } = await t.http.get('/projections').set(t.as(admin)).expect(200);
    expect(body.projections.map((p: { name: string }) => p.name)).toEqual(['tickets', 'queue', 'sla_breaches', 'audit_trail', 'workload', 'metrics', 'agents', 'users', 'notifications', 'mail', 'knowledge', 'macros', 'rule_clocks', 'automation_rules', 'rule_firings', 'ticket_search']);
    for (const p of body.projections) {
      expect(p).toMatchObject({ version: expect.any(Number), generation: 1, deadLetters: 0, lastError: null });
    }
    expect(body.deadLetters).toEqual([]);
  });
});
