import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TicketCommandRunner } from '@helpdesk/application';
import { BLOB_STORE, BlobStore } from '@helpdesk/blob-store';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { mailIdFor, mailStreamId, threadMessageId } from '@helpdesk/mail';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { CLOCK, Clock } from '@helpdesk/shared';
import { ticketStreamId } from '@helpdesk/ticketing';
import { SETTINGS, Settings } from '../../apps/api/src/config/settings';
import { createMailIngest } from '../../apps/api/src/mail/create-mail-ingest';
import { MAIL_INGEST, MailIngest, MailReceipt } from '../../apps/api/src/mail/mail-ingest.port';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const DIR = join(__dirname, '..', 'fixtures', 'mail');
const KEY = 'corpus thread secret: long enough for the HMAC';
const DOMAIN = 'helpdesk.test';
const EXPECTED: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
delete EXPECTED._about;
const MAIL_ENV = {
  MAIL_THREAD_SECRET: KEY,
  MAIL_FROM: `support@${DOMAIN}`,
  SUPPORT_ADDRESSES: `support@${DOMAIN}`,
  MAIL_AUTH_DNS_TIMEOUT_MS: '300',
  RUN_ROUTING: 'false',
};

describe('inbound mail: the corpus through the real app', () => {
  let t: TestApp;
  let ingest: MailIngest;
  let store: EventStore;
  let blobs: BlobStore;

  beforeAll(async () => {
    t = await startTestApp({ env: MAIL_ENV });
    ingest = t.app.get<MailIngest>(MAIL_INGEST);
    store = t.app.get<EventStore>(EVENT_STORE);
    blobs = t.app.get<BlobStore>(BLOB_STORE);
  });
  afterAll(async () => t.destroy());

  const receipt = (over: Partial<MailReceipt> = {}): MailReceipt => ({ transport: 'cli', ...over });
  const mailEvents = (mailId: string) => store.readStream(mailStreamId(mailId));
  const ticketEvents = (ticketId: string) => store.readStream(ticketStreamId(ticketId));
  const caughtUp = async () => expect(await t.app.get(ProjectionEngine).waitFor(await store.headPosition(), ['tickets'], 20_000)).toBe(true);

  it('has an expected outcome for each of its 30+ messages', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it('ingests every message without a crash, with the expected outcome', async () => {
    const vars: Record<string, string> = {};
    const substitute = (raw: Buffer) => {
      let text = raw.toString('latin1');
      for (const [name, value] of Object.entries(vars)) text = text.split(`%%${name}%%`).join(value);
      return Buffer.from(text, 'latin1');
    };
    const seenTickets = new Set<string>();
    let t1 = '';
    const actual: Record<string, Record<string, unknown>> = {};

    for (const file of Object.keys(EXPECTED).sort()) {
      const expected = EXPECTED[file];
      const raw = substitute(readFileSync(join(DIR, file)));
      const result = await ingest.ingest(raw, receipt(expected.receipt as Partial<MailReceipt>));
      const events = await mailEvents(result.mailId);
      const received = events[0]?.data as any;
      const decision = events.find((e) => e.type !== 'MailReceived')?.data as any;
      const summary: Record<string, unknown> = { outcome: result.outcome };
      const name = (ticketId: string | undefined) => (ticketId && ticketId === t1 ? 'T1' : ticketId && !seenTickets.has(ticketId) ? 'new' : (ticketId ?? null));
      if ('ticket' in expected) summary.ticket = name(result.ticketId);

      if (file.startsWith('01-')) {
        t1 = result.ticketId!;
        const number = String((await ticketEvents(t1))[0].data.number);
        Object.assign(vars, {
          REF: threadMessageId({ ticketId: t1, notificationId: 'n-ack' }, KEY, DOMAIN),
          NUMBER: number,
          NOTIFY_POSTFIX: threadMessageId({ ticketId: t1, notificationId: 'n-postfix' }, KEY, DOMAIN),
          NOTIFY_EXCHANGE: threadMessageId({ ticketId: t1, notificationId: 'n-exchange' }, KEY, DOMAIN),
          NOTIFY_GMAIL: threadMessageId({ ticketId: t1, notificationId: 'n-gmail' }, KEY, DOMAIN),
          NOTIFY_PLAIN: threadMessageId({ ticketId: t1, notificationId: 'n-plain' }, KEY, DOMAIN),
          OWN_ID: threadMessageId({ ticketId: t1, notificationId: 'n-own' }, KEY, DOMAIN),
        });
        await caughtUp(); // the subject-number lookup reads the tickets read model
      }
      if (result.ticketId) seenTickets.add(result.ticketId);
      if ('how' in expected) summary.how = decision?.how;
      if ('reason' in expected) summary.reason = decision?.reason;
      if ('receipt' in expected) summary.receipt = expected.receipt;

      const ticket = result.ticketId ? await ticketEvents(result.ticketId) : [];
      const submitted = ticket.find((e) => e.type === 'TicketSubmitted' && (e.metadata.idempotencyKey as string) === `mail:${result.mailId}`)?.data as any;
      const comment = ticket.find((e) => e.type === 'CommentAdded' && (e.data as any).source?.mailId === result.mailId)?.data as any;
      if ('comment' in expected) summary.comment = comment?.body;
      if ('subject' in expected) summary.subject = submitted?.subject;
      if ('customer' in expected) summary.customer = pick(submitted?.customer, Object.keys(expected.customer as object));
      if ('descriptionIncludes' in expected) {
        summary.descriptionIncludes = String(submitted?.description).includes(expected.descriptionIncludes as string) ? expected.descriptionIncludes : submitted?.description;
      }
      if ('descriptionExcludes' in expected) summary.descriptionExcludes = (expected.descriptionExcludes as string[]).filter((s) => !String(submitted?.description).includes(s));
      if ('attachments' in expected) {
        const refs = (submitted ?? comment)?.attachments ?? [];
        for (const ref of refs) expect(await blobs.has(ref.sha256)).toBe(true);
        summary.attachments = refs.map((a: any) => ({ filename: a.filename, contentType: a.contentType, size: a.size }));
      }
      if ('bounce' in expected) {
        const bounced = events.find((e) => e.type === 'MailBounced')?.data as any;
        const want = expected.bounce as Record<string, unknown>;
        summary.bounce = {
          ...pick({ ...bounced, ticketIds: bounced?.ticketIds.map((id: string) => name(id)) }, Object.keys(want).filter((k) => k !== 'diagnosticIncludes')),
          ...('diagnosticIncludes' in want ? { diagnosticIncludes: String(bounced?.diagnostic).includes(want.diagnosticIncludes as string) ? want.diagnosticIncludes : bounced?.diagnostic } : {}),
        };
        expect(bounced?.mailId).toBe(result.mailId);
      }
      if ('auth' in expected) {
        const want = expected.auth as Record<string, unknown>;
        summary.auth = {
          ...('dkim' in want ? { dkim: received.auth.dkim.map((d: any) => d.result) } : {}),
          // No DNS here: a lookup that fails at once finds no record (none), one that hangs times out (temperror).
          ...('dmarc' in want ? { dmarc: ['none', 'temperror'].includes(received.auth.dmarc.result) ? 'none|temperror' : received.auth.dmarc.result } : {}),
          ...('upstream' in want ? { upstream: received.auth.upstream.length } : {}),
        };
      }
      // Whatever became of it, the raw message is kept byte for byte.
      expect(await blobs.get(received.rawBlobSha256)).toEqual(raw);
      actual[file] = summary;
    }
    expect(actual).toEqual(EXPECTED);

    // The spoofed replies changed nothing on T1: no comment from them, no confirmation.
    const onT1 = await ticketEvents(t1);
    expect(onT1.map((e) => e.type).filter((type) => !['CommentAdded', 'TicketSubmitted'].includes(type))).toEqual([]);
    expect(onT1.filter((e) => e.type === 'CommentAdded').every((e) => (e.data as any).author === 'customer' && (e.data as any).visibility === 'public')).toBe(true);
    expect(JSON.stringify(onT1.map((e) => e.data))).not.toMatch(/passport scan|please close the ticket/);
    // Ticket events name the mail event that caused them and share its correlation id.
    for (const event of onT1.filter((e) => e.type === 'CommentAdded')) {
      const mail = await mailEvents((event.data as any).source.mailId);
      const threaded = mail.find((e) => e.type === 'MailThreaded')!;
      expect(event.metadata).toMatchObject({ causationId: threaded.id, correlationId: mail[0].metadata.correlationId, actor: { id: 'mail', role: 'system' } });
    }
  });

  it('ingests each message once: again by Message-ID, or by content when it has none, records nothing', async () => {
    // A corpus message under a Message-ID of its own, so this test does not depend on the corpus run.
    const raw = Buffer.from(readFileSync(join(DIR, '10-attachment-pdf.eml'), 'latin1').replace('<attach-0001@example.pk>', '<attach-once-0001@example.pk>'), 'latin1');
    const first = await ingest.ingest(raw, receipt({ transport: 'smtp' }));
    expect(first.outcome).toBe('ticket_created');
    // The same message again, as the IMAP poller would see it: a trace header more.
    const again = await ingest.ingest(Buffer.concat([Buffer.from('Received: from imap.example by x; Fri, 9 Jan 2026 10:00:00 +0500\r\n'), raw]), receipt({ transport: 'imap' }));
    expect(again).toEqual({ mailId: first.mailId, outcome: 'duplicate', ticketId: first.ticketId });

    const anonymous = Buffer.from('From: Rabia <rabia@example.pk>\r\nTo: support@helpdesk.test\r\nSubject: No id here\r\n\r\nThis message has no Message-ID.\r\n');
    const a = await ingest.ingest(anonymous, receipt());
    const b = await ingest.ingest(Buffer.concat([Buffer.from('Return-Path: <rabia@example.pk>\r\n'), anonymous]), receipt());
    expect(a.mailId).toMatch(/^c/);
    expect(b).toEqual({ mailId: a.mailId, outcome: 'duplicate', ticketId: a.ticketId });
    expect((await ticketEvents(a.ticketId!)).filter((e) => e.type === 'TicketSubmitted')).toHaveLength(1);
  });

  it('lets one of two concurrent ingests of the same message win; the other records nothing', async () => {
    const raw = Buffer.from('From: Usman <usman@example.pk>\r\nTo: support@helpdesk.test\r\nSubject: Twice at once\r\nMessage-ID: <concurrent-0001@example.pk>\r\n\r\nSent twice at the same moment.\r\n');
    const outcomes = await Promise.all([ingest.ingest(raw, receipt({ transport: 'smtp' })), ingest.ingest(raw, receipt({ transport: 'imap' })), ingest.ingest(raw, receipt())]);
    expect(new Set(outcomes.map((o) => o.mailId)).size).toBe(1);
    expect(outcomes.filter((o) => o.outcome === 'ticket_created').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o.outcome === 'ticket_created' || o.outcome === 'duplicate')).toBe(true);
    const mail = await mailEvents(outcomes[0].mailId);
    expect(mail.map((e) => e.type)).toEqual(['MailReceived', 'MailThreaded']);
    expect((await ticketEvents(outcomes[0].ticketId!)).map((e) => e.type)).toEqual(['TicketSubmitted']);
  });

  it('finishes what a crash between the mail event and the ticket command left half-done, never twice', async () => {
    const settings = t.app.get<Settings>(SETTINGS);
    const real = t.app.get(TicketCommandRunner);
    // The process "dies" right after the decision is recorded: the ticket command never runs.
    const dying = Object.create(real, {
      submit: { value: () => Promise.reject(new Error('killed before the ticket command')) },
      execute: { value: () => Promise.reject(new Error('killed before the ticket command')) },
    }) as TicketCommandRunner;
    const crashing = createMailIngest({ store, blobs, tickets: dying, clock: t.app.get<Clock>(CLOCK), threadKey: KEY, settings, readModels: t.app.get(ReadModels) });

    const raw = Buffer.from('From: Asma <asma@example.pk>\r\nTo: support@helpdesk.test\r\nSubject: Half done\r\nMessage-ID: <crash-0001@example.pk>\r\n\r\nThe first attempt died.\r\n');
    await expect(crashing.ingest(raw, receipt())).rejects.toThrow('killed');
    const [receivedEvent, threaded] = await mailEvents(mailIdFor('<crash-0001@example.pk>', ''));
    expect([receivedEvent.type, threaded.type]).toEqual(['MailReceived', 'MailThreaded']);
    const ticketId = (threaded.data as any).ticketId as string;
    expect(await ticketEvents(ticketId)).toEqual([]);

    const retried = await ingest.ingest(raw, receipt());
    expect(retried).toMatchObject({ outcome: 'ticket_created', ticketId });
    expect((await ticketEvents(ticketId)).map((e) => e.type)).toEqual(['TicketSubmitted']);
    expect(await ingest.ingest(raw, receipt())).toMatchObject({ outcome: 'duplicate', ticketId });

    // The same for a reply: decided, then the comment lost; re-ingesting adds it exactly once.
    await caughtUp();
    const number = String((await ticketEvents(ticketId))[0].data.number);
    const reply = Buffer.from(`From: Asma <asma@example.pk>\r\nTo: support@helpdesk.test\r\nSubject: Re: [${number}] Half done\r\nMessage-ID: <crash-0002@example.pk>\r\n\r\nStill broken.\r\n`);
    await expect(crashing.ingest(reply, receipt())).rejects.toThrow('killed');
    expect(await ingest.ingest(reply, receipt())).toMatchObject({ outcome: 'comment_added', ticketId });
    expect(await ingest.ingest(reply, receipt())).toMatchObject({ outcome: 'duplicate', ticketId });
    expect((await ticketEvents(ticketId)).map((e) => e.type)).toEqual(['TicketSubmitted', 'CommentAdded']);

  });

  it('takes a 30 MB message: the raw kept whole, the oversized attachment skipped and said so, the text cut at the limit', async () => {
    const big = Buffer.alloc(22 * 1024 * 1024, 7);
    const text = 'Log line: the export job failed again.\n'.repeat(4000); // ~156k characters
    const raw = Buffer.from(
      [
        'From: Data Team <data@example.pk>',
        'To: support@helpdesk.test',
        'Subject: Export job logs',
        'Message-ID: <huge-0001@example.pk>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="huge"',
        '',
        '--huge',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '--huge',
        'Content-Type: application/octet-stream; name="dump.bin"',
        'Content-Disposition: attachment; filename="dump.bin"',
        'Content-Transfer-Encoding: base64',
        '',
        big.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--huge--',
        '',
      ].join('\r\n'),
    );
    expect(raw.length).toBeGreaterThan(30_000_000);
    const result = await ingest.ingest(raw, receipt());
    expect(result.outcome).toBe('ticket_created');
    const received = (await mailEvents(result.mailId))[0].data as any;
    expect(received).toMatchObject({ size: raw.length, truncated: true, attachments: [], skippedAttachments: [{ filename: 'dump.bin', size: big.length, reason: 'too_large' }] });
    expect((await blobs.get(received.rawBlobSha256))?.length).toBe(raw.length);
    const description = String((await ticketEvents(result.ticketId!))[0].data.description);
    expect(description.length).toBeLessThan(101_000);
    expect(description).toMatch(/full text is in the raw message\.$/);
  });
});

function pick(source: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> | undefined {
  return source ? Object.fromEntries(keys.map((k) => [k, source[k]])) : undefined;
}
