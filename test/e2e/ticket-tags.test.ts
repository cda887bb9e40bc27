import { agent, analyst, auditor, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

describe('ticket tags over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const submit = async (overrides: Record<string, unknown> = {}) => (await t.http.post('/tickets').set(t.as(customer)).send(newTicket(overrides)).expect(201)).body;
  const tag = (id: string, body: object, who: TestUser = agent()) => t.http.post(`/tickets/${id}/tags`).set(t.as(who)).send(body);

  it('adds and removes tags, normalised, shown on the ticket, the list and the queue, and filters by them', async () => {
    const billing = await submit({ subject: 'Charged twice' });
    const outage = await submit({ subject: 'Site down' });
    await t.http.post(`/tickets/${outage.id}/prioritize`).set(t.as(supervisor)).send({ priority: 'high' }).expect(200);
    await tag(billing.id, { add: ['VIP Customer', 'billing'] }).expect(200);
    const changed = (await tag(billing.id, { add: ['refund'], remove: ['billing'] }, supervisor).expect(200)).body;
    const last = (await tag(outage.id, { add: ['outage', 'vip-customer'] }).expect(200)).body;
    const q = { consistentWith: last.position };

    const view = (await t.http.get(`/tickets/${billing.id}`).query({ consistentWith: changed.position }).set(t.as(agent())).expect(200)).body;
    expect(view.tags).toEqual(['vip-customer', 'refund']);

    const ids = async (path: string, query: Record<string, string>) =>
      ((await t.http.get(path).query({ ...q, ...query }).set(t.as(supervisor)).expect(200)).body.items as { id: string; tags: string[] }[]).map((i) => i.id).sort();
    expect(await ids('/tickets', { tag: 'VIP Customer' })).toEqual([billing.id, outage.id].sort());
    expect(await ids('/tickets', { tag: 'refund' })).toEqual([billing.id]);
    expect(await ids('/tickets', { tag: 'refund,outage' })).toEqual([billing.id, outage.id].sort());
    expect(await ids('/tickets', { tag: 'billing' })).toEqual([]);
    expect(await ids('/tickets', { tag: 'vip-customer', priority: 'high' })).toEqual([outage.id]);
    expect(await ids('/queue', { tag: 'outage' })).toEqual([outage.id]);
    const queued = (await t.http.get('/queue').query({ ...q, tag: 'vip-customer' }).set(t.as(agent())).expect(200)).body;
    expect(queued.total).toBe(2);
    expect(queued.items.map((i: { tags: string[] }) => i.tags)).toEqual(expect.arrayContaining([['vip-customer', 'refund'], ['outage', 'vip-customer']]));
    const counts = (await t.http.get('/queue/counts').query({ ...q, tag: 'outage' }).set(t.as(agent())).expect(200)).body;
    expect(counts.views.all).toBe(1);
    expect(counts.facets.priority).toMatchObject({ high: 1, medium: 0 });

    // The history says who changed which tags.
    const history = (await t.http.get(`/tickets/${billing.id}/history`).set(t.as(auditor)).expect(200)).body;
    const sentences = JSON.stringify(history);
    expect(sentences).toContain('tagged the ticket refund and removed billing');
    const ur = JSON.stringify((await t.http.get(`/tickets/${billing.id}/history`).query({ lang: 'ur' }).set(t.as(auditor)).expect(200)).body);
    expect(ur).toContain('ٹیگ لگائے refund اور ہٹائے billing');
  });

  it('tags in Urdu, and tags a closed ticket', async () => {
    const ticket = await submit();
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent())).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/resolve`).set(t.as(agent())).send({ resolution: 'Reset the password' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/confirm`).set(t.as(customer)).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/close`).set(t.as(agent())).send({}).expect(200);
    const done = (await tag(ticket.id, { add: ['بجلی', 'Password Reset'] }).expect(200)).body;
    const view = (await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(t.as(agent())).expect(200)).body;
    expect(view).toMatchObject({ status: 'closed', tags: ['بجلی', 'password-reset'] });
    const found = (await t.http.get('/tickets').query({ consistentWith: done.position, tag: 'بجلی' }).set(t.as(agent())).expect(200)).body;
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
  });

  it('counts metrics under each tag a ticket carries when the event happens', async () => {
    const ticket = await submit();
    const other = await submit();
    await tag(ticket.id, { add: ['refund', 'vip'] }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent())).send({}).expect(200);
    await t.http.post(`/tickets/${ticket.id}/comments`).set(t.as(agent())).send({ body: 'Looking into it', visibility: 'public' }).expect(200);
    await tag(ticket.id, { remove: ['vip'] }).expect(200);
    await t.http.post(`/tickets/${other.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${other.id}/start`).set(t.as(agent())).send({}).expect(200);
    await t.http.post(`/tickets/${other.id}/resolve`).set(t.as(agent())).send({ resolution: 'Done' }).expect(200);
    const last = (await t.http.post(`/tickets/${ticket.id}/resolve`).set(t.as(agent())).send({ resolution: 'Refunded' }).expect(200)).body;
    const day = async (value: string) => {
      const res = await t.http.get('/metrics/daily').query({ dimension: 'tag', value, from: '2026-01-01', to: '2026-12-31', consistentWith: last.position }).set(t.as(analyst)).expect(200);
      return res.body.items as { value: string; ticketsIn: number; resolved: number; firstResponseBusinessMinutes: { count: number } }[];
    };
    // Tagged after it came in: its arrival counts under no tag; its first response under both, its resolution under refund only.
    const [refund] = await day('refund');
    expect(refund).toMatchObject({ value: 'refund', ticketsIn: 0, resolved: 1 });
    const [vip] = await day('vip');
    expect(vip).toMatchObject({ value: 'vip', ticketsIn: 0, resolved: 0 });
    expect(JSON.stringify(vip.firstResponseBusinessMinutes)).toEqual(JSON.stringify(refund.firstResponseBusinessMinutes));
    expect(await day('outage')).toEqual([]);
    const all = (await t.http.get('/metrics/daily').query({ from: '2026-01-01', to: '2026-12-31', consistentWith: last.position }).set(t.as(analyst)).expect(200)).body.items;
    expect(all[0]).toMatchObject({ ticketsIn: 2, resolved: 2 });
  });

  it('refuses bad tags with a problem naming them, a change that changes nothing with a 409, and changes nothing', async () => {
    const ticket = await submit();
    const bad = await tag(ticket.id, { add: ['ok', 'semi;colon'] }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.detail).toContain('semi;colon');
    expect((await tag(ticket.id, { add: 'vip' }).expect(400)).body.type).toBe('urn:helpdesk:problem:validation-failed');
    expect((await tag(ticket.id, {}).expect(400)).body.detail).toMatch(/to add or to remove/);
    expect((await tag(ticket.id, { add: Array.from({ length: 21 }, (_, i) => `t${i}`) }).expect(400)).body.type).toBe('urn:helpdesk:problem:validation-failed');
    const ok = (await tag(ticket.id, { add: ['vip'] }).expect(200)).body;
    expect((await tag(ticket.id, { add: ['VIP'] }).expect(409)).body.detail).toMatch(/already has those tags/);
    const events = (await t.http.get(`/tickets/${ticket.id}/events`).set(t.as(agent())).expect(200)).body;
    expect(events.filter((e: { type: string }) => e.type === 'TicketTagsChanged')).toHaveLength(1);
    expect((await t.http.get('/tickets').query({ consistentWith: ok.position, tag: 'no;tag' }).set(t.as(agent())).expect(400)).body.type).toBe('urn:helpdesk:problem:validation-failed');
  });

  it('keeps tags from customers: they cannot tag, filter by tags, or see them', async () => {
    const ticket = await submit();
    const done = (await tag(ticket.id, { add: ['difficult-customer'] }).expect(200)).body;
    expect((await tag(ticket.id, { add: ['x'] }, customer).expect(403)).body.type).toBe('urn:helpdesk:problem:not-allowed');
    await tag(ticket.id, { add: ['x'] }, auditor).expect(403);
    await tag(ticket.id, { add: ['x'] }, analyst).expect(403);
    const mine = await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(t.as(customer)).expect(200);
    expect(mine.body).not.toHaveProperty('tags');
    expect(mine.text).not.toContain('difficult-customer');
    await t.http.get('/tickets').query({ tag: 'difficult-customer' }).set(t.as(customer)).expect(403);
    const list = await t.http.get('/tickets').query({ consistentWith: done.position }).set(t.as(customer)).expect(200);
    expect(list.text).not.toContain('difficult-customer');
  });
});
