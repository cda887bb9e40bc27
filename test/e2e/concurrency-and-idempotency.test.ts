import { randomUUID } from 'node:crypto';
import { agent, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

describe('concurrency and idempotency', () => {
  let t: TestApp;
  // No outbox: its notifications would be appended after the commands and move the head this suite checks.
  beforeEach(async () => (t = await startTestApp({ env: { RUN_NOTIFICATIONS: 'false' } })));
  afterEach(async () => t.destroy());

  it('lets exactly one of 50 parallel commands with the same If-Match win; the stream has no gap or duplicate', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http.post(`/tickets/${body.id}/comments`).set(t.as(agent())).set('If-Match', '"0"').send({ body: `note ${i}`, visibility: 'internal' }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.body).toMatchObject({ type: 'urn:helpdesk:problem:concurrency-conflict', currentRevision: 1 });
    expect(conflict.headers.etag).toBe('"1"');
    const events = (await t.http.get(`/tickets/${body.id}/events`).set(t.as(agent())).expect(200)).body;
    expect(events.map((e: { revision: number }) => e.revision)).toEqual([0, 1]);
  });

  it('without If-Match, retries internally so that 30 parallel comments all land, in order, once each', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.http.post(`/tickets/${body.id}/comments`).set(t.as(agent())).send({ body: `note ${i}`, visibility: 'internal' })),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const events = (await t.http.get(`/tickets/${body.id}/events`).set(t.as(agent())).expect(200)).body;
    expect(events).toHaveLength(31);
    expect(new Set(events.slice(1).map((e: { data: { body: string } }) => e.data.body)).size).toBe(30);
    expect(new Set(responses.map((r) => r.body.revision)).size).toBe(30);
  });

  it('rejects a malformed If-Match', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    for (const bad of ['-1', 'abc', '1.5', '"x"']) {
      const res = await t.http.post(`/tickets/${body.id}/assign`).set(t.as(supervisor)).set('If-Match', bad).send({ agentId: 'agent-ali' }).expect(400);
      expect(res.body.type).toBe('urn:helpdesk:problem:invalid-if-match');
    }
  });

  it('turns 10 concurrent submissions with one Idempotency-Key into one ticket with one event', async () => {
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post('/tickets').set(t.as(customer)).set('Idempotency-Key', key).send(newTicket())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const events = (await t.http.get(`/tickets/${responses[0].body.id}/events`).set(t.as(agent())).expect(200)).body;
    expect(events).toHaveLength(1);
    expect((await t.http.get('/health')).body.eventStore.headPosition).toBe(events[0].position);
  });

  it('applies a retried lifecycle command once, and refuses the key for a different body with 422', async () => {
    const { body } = await t.http.post('/tickets').set(t.as(customer)).send(newTicket()).expect(201);
    const key = 'comment-42';
    const send = (text: string) =>
      t.http.post(`/tickets/${body.id}/comments`).set(t.as(agent())).set('Idempotency-Key', key).send({ body: text, visibility: 'public' });
    const first = await send('hello').expect(200);
    const retry = await send('hello').expect(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const misuse = await send('something else').expect(422);
    expect(misuse.body.type).toBe('urn:helpdesk:problem:idempotency-key-reused');
    expect((await t.http.get(`/tickets/${body.id}/events`).set(t.as(agent()))).body).toHaveLength(2);
  });

  it('remembers idempotency keys across a restart', async () => {
    const key = randomUUID();
    const first = await t.http.post('/tickets').set(t.as(customer)).set('Idempotency-Key', key).send(newTicket()).expect(201);
    await t.stop();
    const again = await startTestApp({ dataDir: t.dataDir });
    try {
      const head = (await again.http.get('/health')).body.eventStore.headPosition;
      const retry = await again.http.post('/tickets').set(again.as(customer)).set('Idempotency-Key', key).send(newTicket()).expect(201);
      expect(retry.body).toEqual(first.body);
      expect((await again.http.get('/health')).body.eventStore.headPosition).toBe(head);
    } finally {
      await again.destroy();
    }
  });

  it('gives unique ticket numbers when two app processes share one store', async () => {
    const other = await startTestApp({ dataDir: t.dataDir });
    try {
      // One token serves both processes: they share the store and the signing key in DATA_DIR.
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? t : other).http.post('/tickets').set(t.as(customer)).send(newTicket())),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      const numbers = responses.map((r) => r.body.number);
      expect(new Set(numbers).size).toBe(60);
      expect(numbers.every((n) => /^HD-\d{6}$/.test(n))).toBe(true);
    } finally {
      await other.stop();
    }
  });
});
