import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { CHECKPOINT_EVENT, CHECKPOINT_STREAM, CheckpointSigner, EVENT_STORE, EventStore, GENESIS_HASH } from '@helpdesk/event-store';
import { admin, agent, auditor, customer, newTicket, startTestApp, supervisor, TestApp } from '../support/test-app';

const MINUTE = 60_000;

/** What the auditor screens ask of the API beyond the history itself: a ticket's trail, each event's chain link, checked signatures. */
describe('the audit queries behind the auditor screens', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(async () => t.destroy());

  const submit = async (subject: string) => {
    t.clock.advance(MINUTE);
    return (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject })).expect(201)).body as { id: string; number: string; position: string };
  };

  it('filters the trail to one ticket, in JSON pages and in both exports, and refuses what is no ticket id', async () => {
    const first = await submit('First');
    const second = await submit('Second');
    t.clock.advance(MINUTE);
    const assigned = (await t.http.post(`/tickets/${first.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200)).body;

    const page = await t.http.get('/audit/trail').query({ ticket: first.id.toUpperCase(), consistentWith: assigned.position }).set(t.as(auditor)).expect(200);
    expect(page.body.items.map((e: { ticketId: string; type: string }) => [e.ticketId, e.type])).toEqual([
      [first.id, 'TicketAssigned'],
      [first.id, 'TicketSubmitted'],
    ]);

    const ndjson = await t.http.get('/audit/trail').query({ ticket: second.id, format: 'ndjson' }).set(t.as(auditor)).expect(200);
    expect(ndjson.text.trim().split('\n').map((line) => JSON.parse(line).number)).toEqual([second.number]);
    const csv = await t.http.get('/audit/trail').query({ ticket: first.id, format: 'csv' }).set(t.as(auditor)).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    const rows = (csv.body as string).trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(`,${first.id},${first.number},`))).toBe(true);

    for (const ticket of ['HD-000001', 'nope', '']) {
      const refused = await t.http.get('/audit/trail').query({ ticket }).set(t.as(auditor)).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('gives each history entry its chain link: the first from the genesis hash, each next from the one before', async () => {
    const ticket = await submit('Chained');
    t.clock.advance(MINUTE);
    await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
    await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent('agent-ali'))).send({}).expect(200);

    const items = (await t.http.get(`/tickets/${ticket.id}/history`).set(t.as(auditor)).expect(200)).body.items as Array<{ revision: number; chain: { prev: string; hash: string } }>;
    expect(items.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(items[0].chain.prev).toBe(GENESIS_HASH);
    items.forEach((e, i) => {
      expect(e.chain.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(e.chain.prev).toBe(items[i - 1].chain.hash);
    });
  });

  it('says of each checkpoint whether its signature verifies with the key, and leaves one of another key unjudged', async () => {
    await submit('Covered');
    const signed = (await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200)).body.checkpoint;
    expect(signed).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });

    const store = t.app.get<EventStore>(EVENT_STORE);
    const record = async (data: object) => {
      const id = randomUUID();
      const metadata = { eventId: id, correlationId: id, causationId: id, actor: { id: 'test', role: 'system' }, occurredAt: t.clock.now().toISOString(), schemaVersion: 1 };
      await store.append(CHECKPOINT_STREAM, [{ id, type: CHECKPOINT_EVENT, data: { ...data }, metadata }], 'any');
    };
    await record({ ...signed, events: signed.events + 1 }); // altered after signing
    const otherKey = new CheckpointSigner(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    await record(otherKey.sign({ position: signed.position, events: signed.events, feedHash: signed.feedHash, signedAt: signed.signedAt }));

    const list = (await t.http.get('/audit/checkpoints').set(t.as(auditor)).expect(200)).body;
    expect(list.keyId).toBe(signed.keyId);
    expect(list.items.map((c: { keyId: string; signatureValid: boolean | null }) => [c.keyId === signed.keyId, c.signatureValid])).toEqual([
      [false, null],
      [true, false],
      [true, true],
    ]);
  });
});
