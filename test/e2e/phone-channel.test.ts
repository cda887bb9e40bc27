import { agent, customer, newTicket, startTestApp, TestApp, TestUser } from '../support/test-app';

describe('phone tickets: an agent records a call for the caller', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { RUN_ROUTING: 'false' } })));
  afterEach(async () => t.destroy());

  const caller = { name: 'Zainab Qureshi', email: 'Zainab.Q@example.pk', phone: '+92 321 7654321', timezone: 'Asia/Karachi', language: 'ur' };

  it('records the agent as the actor and the caller as the customer; the caller reaches it once they have an account', async () => {
    const recorded = await t.http.post('/tickets').set(t.as(agent())).send(newTicket({ channel: 'phone', subject: 'Called: cannot pay the fee', customer: caller })).expect(201);
    const events = await t.http.get(`/tickets/${recorded.body.id}/events`).set(t.as(agent())).expect(200);
    expect(events.body[0].metadata.actor).toEqual({ id: 'agent-ali', role: 'agent' });
    expect(events.body[0].data).toMatchObject({ channel: 'phone', customer: { ...caller, email: 'zainab.q@example.pk' } });

    const view = await t.http.get(`/tickets/${recorded.body.id}`).query({ consistentWith: recorded.body.position }).set(t.as(agent())).expect(200);
    expect(view.body).toMatchObject({ channel: 'phone', customer: { name: 'Zainab Qureshi', email: 'zainab.q@example.pk' } });

    // Later, staff create the caller's account (the email as they spell it): the ticket is theirs.
    const zainab: TestUser = { id: 'cust-zainab', role: 'customer', email: 'zainab.q@example.pk' };
    await t.addUser(zainab);
    const theirs = await t.http.get(`/tickets/${recorded.body.id}`).set(t.as(zainab)).expect(200);
    expect(theirs.body).toMatchObject({ number: recorded.body.number, channel: 'phone' });
    const list = await t.http.get('/tickets').set(t.as(zainab)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([recorded.body.id]);
    await t.http.post(`/tickets/${recorded.body.id}/comments`).set(t.as(zainab)).send({ body: 'شکریہ، میں نے دوبارہ کوشش کی', visibility: 'public' }).expect(200);
    // Nobody else's: another customer gets the 404 an unknown ticket gets.
    await t.http.get(`/tickets/${recorded.body.id}`).set(t.as(customer)).expect(404);
  });

  it.each(['phone', 'email'])('refuses a customer claiming the %s channel for themselves (403), and records nothing', async (channel) => {
    const res = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ channel }));
    expect({ status: res.status, type: res.body.type }).toEqual({ status: 403, type: 'urn:helpdesk:problem:not-allowed' });
    expect(res.body.detail).toMatch(/web or the API/);
    const marker = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ channel: 'web' })).expect(201);
    const mine = await t.http.get('/tickets').query({ consistentWith: marker.body.position }).set(t.as(customer)).expect(200);
    expect(mine.body.items.map((i: { channel: string }) => i.channel)).toEqual(['web']);
  });

  it('lets a customer submit through the API channel, and staff record email tickets too', async () => {
    await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ channel: 'api' })).expect(201);
    await t.http.post('/tickets').set(t.as(agent())).send(newTicket({ channel: 'email' })).expect(201);
  });
});
