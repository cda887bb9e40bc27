import { agent, customer, newTicket, startTestApp, supervisor, TestApp, TestUser } from '../support/test-app';

describe('ticket lifecycle over HTTP', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(async () => t.destroy());

  it('works a ticket from submission to closure, every step an event', async () => {
    const submitted = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    expect(submitted.body).toEqual({ id: expect.any(String), number: 'HD-000001', revision: 0, position: expect.stringMatching(/^\d+$/) });
    const id = submitted.body.id;

    const steps: Array<[string, TestUser, object]> = [
      ['assign', supervisor, { agentId: 'agent-ali' }],
      ['acknowledge', agent(), {}],
      ['prioritize', agent(), { priority: 'high', reason: 'Blocks visa filing' }],
      ['categorize', agent(), { category: 'emergency' }],
      ['start', agent(), {}],
      ['comments', agent(), { body: 'Resetting your password now.', visibility: 'public' }],
      ['comments', agent(), { body: 'LDAP sync lagging', visibility: 'internal' }],
      ['wait', agent(), { note: 'Asked the customer to try again' }],
      ['comments', customer, { body: 'شکریہ، اب بھی نہیں ہو رہا', visibility: 'public' }],
      ['resolve', agent(), { resolution: 'Password reset and LDAP resynced' }],
      ['reject', customer, { reason: 'Still failing on mobile' }],
      ['resolve', agent(), { resolution: 'Mobile app cache cleared' }],
      ['confirm', customer, {}],
      ['close', agent(), {}],
      ['reopen', customer, { reason: 'Broke again after the update' }],
    ];
    let lastPosition = BigInt(submitted.body.position);
    for (const [action, who, body] of steps) {
      const res = await t.http.post(`/tickets/${id}/${action}`).set(t.as(who)).send(body);
      expect({ action, status: res.status, body: res.body }).toEqual({ action, status: 200, body: expect.objectContaining({ id }) });
      expect(BigInt(res.body.position)).toBeGreaterThan(lastPosition);
      lastPosition = BigInt(res.body.position);
    }

    const events = await t.http.get(`/tickets/${id}/events`).set(t.as(agent())).expect(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'TicketSubmitted', 'TicketAssigned', 'AssignmentAcknowledged', 'TicketPrioritized', 'TicketCategorized', 'WorkStarted',
      'CommentAdded', 'CommentAdded', 'WaitingOnCustomer', 'CommentAdded', 'WorkResumed', 'TicketResolved', 'SatisfactionOffered',
      'ResolutionRejected', 'TicketReopened', 'SatisfactionOfferVoided', 'TicketResolved', 'SatisfactionOffered', 'ResolutionConfirmed', 'TicketClosed',
      'TicketReopened', 'SatisfactionOfferVoided',
    ]);
    expect(events.body.map((e: { revision: number }) => e.revision)).toEqual(events.body.map((_: unknown, i: number) => i));
    const first = events.body[0];
    expect(first.data).toMatchObject({ number: 'HD-000001', customer: { language: 'ur', timezone: 'Asia/Karachi' }, priority: 'medium' });
    expect(first.metadata).toMatchObject({
      eventId: first.id,
      correlationId: expect.any(String),
      causationId: expect.any(String),
      actor: { id: 'cust-ayesha', role: 'customer' },
      occurredAt: '2026-01-05T04:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('answers an illegal transition with 409 problem+json in plain words', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const res = await t.http.post(`/tickets/${body.id}/resolve`).set(t.as(agent())).send({ resolution: 'done' }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:helpdesk:problem:illegal-transition',
      status: 409,
      detail: 'Only a ticket being worked can be resolved; ticket HD-000001 is new.',
    });
  });

  it('refuses a role that may not do something with 403', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const res = await t.http.post(`/tickets/${body.id}/assign`).set(t.as(customer)).send({ agentId: 'agent-ali' }).expect(403);
    expect(res.body.type).toBe('urn:helpdesk:problem:not-allowed');
  });

  it('answers 404 for an unknown or malformed ticket id', async () => {
    const unknown = await t.http.post('/tickets/7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60/start').set(t.as(agent())).send({}).expect(404);
    expect(unknown.body.type).toBe('urn:helpdesk:problem:ticket-not-found');
    await t.http.post('/tickets/not-a-uuid/start').set(t.as(agent())).send({}).expect(404);
    await t.http.get('/tickets/7d9f1f4e-2b7a-4c1e-9a7e-1b2c3d4e5f60/events').set(t.as(agent())).expect(404);
  });

  it('lists every field problem of an invalid submission and writes nothing', async () => {
    const head = (await t.http.get('/health')).body.eventStore.headPosition;
    const res = await t.http
      .post('/tickets')
      .set(t.as(customer))
      .send({ ...newTicket(), channel: 'fax', customer: { name: 'A', email: 'nope', timezone: 'Mars/Olympus' }, extra: true })
      .expect(400);
    expect(res.body.type).toBe('urn:helpdesk:problem:validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['channel', 'customer.email', 'customer.timezone', 'extra']);
    expect((await t.http.get('/health')).body.eventStore.headPosition).toBe(head);
  });

  it('answers malformed JSON, oversize bodies and missing actors with problem+json', async () => {
    const malformed = await t.http.post('/tickets').set(t.as(customer)).set('Content-Type', 'application/json').send('{"subject":').expect(400);
    expect(malformed.body.type).toBe('urn:helpdesk:problem:malformed-json');
    const huge = await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ description: 'x'.repeat(300_000) })).expect(413);
    expect(huge.body.type).toBe('urn:helpdesk:problem:body-too-large');
    const anonymous = await t.http.post('/tickets').send(newTicket()).expect(401);
    expect(anonymous.body.type).toBe('urn:helpdesk:problem:unauthenticated');
    const array = await t.http.post('/tickets').set(t.as(customer)).send([newTicket()]).expect(400);
    expect(array.body.detail).toMatch(/JSON object/);
  });

  it('keeps tickets across a restart and carries on numbering after the reserved block', async () => {
    const first = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    await t.stop();
    const again = await startTestApp({ dataDir: t.dataDir });
    try {
      const events = await again.http.get(`/tickets/${first.body.id}/events`).set(again.as(agent())).expect(200);
      expect(events.body[0].data.subject).toBe('Cannot sign in to the portal');
      const second = await again.http.post('/tickets').set(again.as(customer)).send(newTicket()).expect(201);
      expect(second.body.number).not.toBe(first.body.number);
      await again.http.post(`/tickets/${first.body.id}/assign`).set(again.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    } finally {
      await again.destroy();
    }
  });

  it('serves the OpenAPI document and health', async () => {
    const docs = await t.http.get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/tickets', '/tickets/{id}/assign', '/tickets/{id}/events']));
    expect((await t.http.get('/health').expect(200)).body.status).toBe('ok');
  });
});
