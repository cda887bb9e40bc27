import { admin, agent, analyst, auditor, customer, newTicket, otherCustomer, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';
import { retryWhileBehind, waitUntil } from '../support/wait';

// FerretDB (CI) projects far slower than the embedded store: reads wait for their positions.
jest.setTimeout(300_000);

const BILAL = { name: 'Bilal Raza', email: otherCustomer.email, timezone: 'Asia/Karachi', language: 'en' };

/** GET /tickets/:id/customer-context: the customer's other tickets and ratings, as far as the viewer reaches. */
describe('customer context of a ticket', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false', RUN_SATISFACTION_REACTOR: 'false' } })));
  afterEach(async () => t.destroy());

  const submit = async (who: TestUser, overrides: Record<string, unknown>) =>
    (await t.http.post('/tickets').set(t.as(who)).send(newTicket(overrides)).expect(201)).body as { id: string; number: string; position: string };
  const command = async (who: TestUser, ticketId: string, path: string, body: Record<string, unknown> = {}) =>
    (await t.http.post(`/tickets/${ticketId}/${path}`).set(t.as(who)).send(body).expect(200)).body as { position: string };
  const context = async (who: TestUser, ticketId: string, position: string, query: Record<string, number> = {}) => {
    const res = await retryWhileBehind(() => t.http.get(`/tickets/${ticketId}/customer-context`).set(t.as(who)).query({ consistentWith: position, ...query }), 240_000);
    return res;
  };

  /** A ticket of Ayesha's worked by Ali, resolved and rated by her. */
  async function ratedTicket(subject: string, score: number, comment: string) {
    const ticket = await submit(customer, { subject });
    for (const [path, body] of [['assign', { agentId: 'agent-ali' }], ['start', {}], ['resolve', { resolution: 'Done.' }]] as const) await command(agent(), ticket.id, path, body);
    const rated = await command(customer, ticket.id, 'satisfaction', { score, comment });
    return { ...ticket, position: rated.position };
  }

  it('lists the customer’s other tickets newest first with status, and their ratings; comments for supervisors and admins only', async () => {
    const first = await ratedTicket('Router resets every night', 4, 'Quick and kind');
    const second = await ratedTicket('Bill shows a double charge', 2, 'Took three days');
    await submit(otherCustomer, { subject: 'Bilal’s own problem', customer: BILAL });
    const current = await submit(customer, { subject: 'Visa portal rejects my password' });

    const seen = await context(supervisor, current.id, current.position);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      ticketId: current.id,
      customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'ur' },
      totalTickets: 2,
      tickets: [
        { id: second.id, number: second.number, subject: 'Bill shows a double charge', status: 'resolved', open: false },
        { id: first.id, number: first.number, subject: 'Router resets every night', status: 'resolved', open: false },
      ],
    });
    expect(seen.body.ratings).toEqual([
      { ticketId: second.id, number: second.number, score: 2, ratedAt: expect.any(String), comment: 'Took three days' },
      { ticketId: first.id, number: first.number, score: 4, ratedAt: expect.any(String), comment: 'Quick and kind' },
    ]);
    expect(seen.text).not.toContain('Bilal');

    // The agent and the auditor see the scores and dates, and whether there was a comment, not what it said.
    for (const who of [agent(), auditor]) {
      const res = await context(who, current.id, current.position);
      expect(res.body.ratings).toEqual([
        { ticketId: second.id, number: second.number, score: 2, ratedAt: expect.any(String), hasComment: true },
        { ticketId: first.id, number: first.number, score: 4, ratedAt: expect.any(String), hasComment: true },
      ]);
      expect(res.text).not.toMatch(/Quick and kind|Took three days/);
    }
    // From one of the rated tickets: the other two, and every rating (its own too).
    const fromFirst = await context(admin, first.id, current.position, { limit: 1 });
    expect(fromFirst.body).toMatchObject({ totalTickets: 2, tickets: [{ id: current.id, status: 'new' }] });
    expect(fromFirst.body.ratings.map((r: { number: string }) => r.number)).toEqual([second.number, first.number]);
  });

  it('shows an agent only the customer’s tickets within reach, and answers a ticket out of reach as not found', async () => {
    const rule = await t.http
      .post('/automation/rules')
      .set(t.as(supervisor))
      .send({ name: 'Billing desk', enabled: true, events: ['TicketSubmitted'], conditions: [{ field: 'text', op: 'contains', values: ['billingdesk'] }], actions: [{ type: 'set_team', team: 'billing' }] })
      .expect(201);
    await t.http.get(`/automation/rules/${rule.body.id}`).query({ consistentWith: rule.body.position }).set(t.as(supervisor)).expect(200);
    const billing = await submit(customer, { subject: 'Invoice question', description: 'For the billingdesk.' });
    const visible = await submit(customer, { subject: 'Wi-Fi drops' });
    const current = await submit(customer, { subject: 'Visa portal rejects my password' });
    await waitUntil('the rule to route the billing ticket', async () => {
      const res = await t.http.get(`/tickets/${billing.id}`).set(t.as(admin));
      return res.status === 200 && res.body.team === 'billing';
    }, { timeoutMs: 240_000, intervalMs: 100 });

    const all = await waitUntil('the supervisor to see both other tickets', async () => {
      const res = await context(supervisor, current.id, current.position);
      return res.body.totalTickets === 2 ? res.body : null;
    }, { timeoutMs: 240_000, intervalMs: 100 });
    expect(all.tickets.map((x: { id: string }) => x.id)).toEqual([visible.id, billing.id]);
    const ali = await context(agent(), current.id, current.position);
    expect(ali.body).toMatchObject({ totalTickets: 1, tickets: [{ id: visible.id }] });
    const outOfReach = await t.http.get(`/tickets/${billing.id}/customer-context`).set(t.as(agent()));
    expect({ status: outOfReach.status, type: outOfReach.body.type }).toEqual({ status: 404, type: 'urn:helpdesk:problem:ticket-not-found' });
  });

  it('is for staff who read histories: customers and analysts are refused, an unknown ticket is not found', async () => {
    const current = await submit(customer, { subject: 'Anything' });
    for (const who of [customer, analyst]) {
      const res = await t.http.get(`/tickets/${current.id}/customer-context`).set(t.as(who));
      expect({ role: who.role, status: res.status, type: res.body.type }).toEqual({ role: who.role, status: 403, type: 'urn:helpdesk:problem:not-allowed' });
    }
    const unknown = await t.http.get('/tickets/7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60/customer-context').set(t.as(supervisor)).expect(404);
    expect(unknown.body.type).toBe('urn:helpdesk:problem:ticket-not-found');
    for (const limit of ['0', '51', 'x']) {
      const res = await t.http.get(`/tickets/${current.id}/customer-context`).set(t.as(supervisor)).query({ limit });
      expect({ limit, status: res.status }).toEqual({ limit, status: 400 });
    }
  });
});
