import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { threadMessageId } from '@helpdesk/mail';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { ticketStreamId } from '@helpdesk/ticketing';
import { MAIL_INGEST, MailIngest } from '../../apps/api/src/mail/mail-ingest.port';
import { agent, analyst, auditor, customer, startTestApp, supervisor, TestApp } from '../support/test-app';

jest.setTimeout(60_000);

const KEY = 'mail http test thread secret, long enough';
const message = (headers: Record<string, string>, body: string) =>
  Buffer.from(`${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`);

describe('inbound mail over HTTP: the list, the history, the raw message, rethreading', () => {
  let t: TestApp;
  let ingest: MailIngest;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_THREAD_SECRET: KEY, SUPPORT_ADDRESSES: 'support@helpdesk.test', MAIL_AUTH_DNS_TIMEOUT_MS: '200', RUN_ROUTING: 'false' } });
    ingest = t.app.get<MailIngest>(MAIL_INGEST);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => t.destroy());

  const caughtUp = async () => expect(await t.app.get(ProjectionEngine).waitFor(await store.headPosition(), undefined, 20_000)).toBe(true);

  it('lists held mail for review, explains each decision, serves the raw bytes, and moves a held message to its ticket', async () => {
    const request = await ingest.ingest(
      message({ From: 'Ayesha Khan <ayesha@example.pk>', To: 'support@helpdesk.test', Subject: 'Portal down', 'Message-ID': '<http-req-1@example.pk>' }, 'The portal shows error 503.'),
      { transport: 'smtp', envelopeFrom: 'ayesha@example.pk', remoteAddress: '127.0.0.1' },
    );
    expect(request.outcome).toBe('ticket_created');
    const ref = threadMessageId({ ticketId: request.ticketId!, notificationId: 'n1' }, KEY, 'helpdesk.test');
    const spoofRaw = message(
      { From: 'Bilal <bilal@example.pk>', To: 'support@helpdesk.test', Subject: 'Re: Portal down', 'Message-ID': '<http-spoof-1@example.pk>', 'In-Reply-To': ref },
      'Please close it, it works.',
    );
    const spoof = await ingest.ingest(spoofRaw, { transport: 'imap' });
    expect(spoof).toMatchObject({ outcome: 'held', ticketId: request.ticketId });
    const auto = await ingest.ingest(message({ From: 'x@y.example', To: 'support@helpdesk.test', Subject: 'Away', 'Message-ID': '<http-auto-1@y.example>', 'Auto-Submitted': 'auto-replied' }, 'Away.'), { transport: 'cli' });
    await caughtUp();

    // The list: held mail to review, and everything else with its outcome.
    const held = (await t.http.get('/mail').query({ outcome: 'held' }).set(t.as(agent())).expect(200)).body;
    expect(held.items.map((m: any) => m.id)).toEqual([spoof.mailId]);
    expect(held.items[0]).toMatchObject({ outcome: 'held', reason: 'sender_not_customer', ticketId: request.ticketId, from: { address: 'bilal@example.pk' }, subject: 'Re: Portal down', transport: 'imap' });
    const all = (await t.http.get('/mail').set(t.as(auditor)).expect(200)).body;
    expect(all.total).toBe(3);
    expect(new Set(all.items.map((m: any) => m.outcome))).toEqual(new Set(['ticket_created', 'held', 'auto_reply']));
    await t.http.get('/mail').query({ outcome: 'nonsense' }).set(t.as(agent())).expect(400);

    // The history: every decision, from the event store, with who and how.
    const history = (await t.http.get(`/mail/${spoof.mailId}`).set(t.as(supervisor)).expect(200)).body;
    expect(history.received).toMatchObject({ messageId: '<http-spoof-1@example.pk>', transport: 'imap', from: { address: 'bilal@example.pk' } });
    expect(history.history.map((h: any) => h.type)).toEqual(['MailReceived', 'MailHeld']);
    expect(history.history[1]).toMatchObject({ actor: { id: 'mail', role: 'system' }, data: { reason: 'sender_not_customer', ticketId: request.ticketId } });
    await t.http.get(`/mail/m${'0'.repeat(32)}`).set(t.as(supervisor)).expect(404);
    await t.http.get('/mail/not-a-mail-id').set(t.as(supervisor)).expect(404);

    // The raw message, byte for byte, as a download that is never rendered.
    const raw = await t.http.get(`/mail/${spoof.mailId}/raw`).set(t.as(supervisor)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(raw.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(raw.headers['content-disposition']).toBe(`attachment; filename="${spoof.mailId}.eml"`);
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(raw.body as Buffer, spoofRaw)).toBe(0);

    // Rethreading: supervisors only; the message becomes an internal note, never the customer's word.
    await t.http.post(`/mail/${spoof.mailId}/rethread`).set(t.as(agent())).send({ ticketId: request.ticketId }).expect(403);
    await t.http.post(`/mail/${spoof.mailId}/rethread`).set(t.as(supervisor)).send({}).expect(400);
    await t.http.post(`/mail/${spoof.mailId}/rethread`).set(t.as(supervisor)).send({ ticketId: 'HD-999999' }).expect(404);
    await t.http.post(`/mail/${auto.mailId}/rethread`).set(t.as(supervisor)).send({ ticketId: request.ticketId }).expect(409);
    const number = String((await store.readStream(ticketStreamId(request.ticketId!)))[0].data.number);
    const moved = (await t.http.post(`/mail/${spoof.mailId}/rethread`).set(t.as(supervisor)).send({ ticketId: number, reason: 'Her colleague' }).expect(200)).body;
    expect(moved).toMatchObject({ mailId: spoof.mailId, ticketId: request.ticketId, number, asCustomer: false });
    const ticket = await store.readStream(ticketStreamId(request.ticketId!));
    const note = ticket.find((e) => e.type === 'CommentAdded')!;
    expect(note.data).toMatchObject({ visibility: 'internal', author: 'agent', source: { channel: 'email', mailId: spoof.mailId } });
    expect(String(note.data.body)).toContain('Email from Bilal <bilal@example.pk>, moved to this ticket by sup-sana (Her colleague)');
    expect(note.metadata).toMatchObject({ causationId: expect.any(String), actor: { id: 'mail', role: 'system' } });
    // Re-ingesting after the rethread does nothing more.
    expect((await ingest.ingest(spoofRaw, { transport: 'smtp' })).outcome).toBe('duplicate');
    expect((await store.readStream(ticketStreamId(request.ticketId!))).filter((e) => e.type === 'CommentAdded')).toHaveLength(1);
    // Moving it again to the ticket it is on is refused.
    await t.http.post(`/mail/${spoof.mailId}/rethread`).set(t.as(supervisor)).send({ ticketId: request.ticketId }).expect(409);
    const after = (await t.http.get(`/mail/${spoof.mailId}`).set(t.as(auditor)).expect(200)).body;
    expect(after.history.map((h: any) => [h.type, h.actor.id])).toEqual([['MailReceived', 'mail'], ['MailHeld', 'mail'], ['MailRethreaded', 'sup-sana']]);

    // Customers and analysts see none of it.
    for (const who of [customer, analyst]) {
      await t.http.get('/mail').set(t.as(who)).expect(403);
      await t.http.get(`/mail/${spoof.mailId}/raw`).set(t.as(who)).expect(403);
    }
  });
});
