import { createHash, randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { parseThreadMessageId } from '@helpdesk/mail';
import { MAIL_INGEST, MailIngest } from '../../apps/api/src/mail/mail-ingest.port';
import { SmtpListenerService } from '../../apps/api/src/mail-transport/smtp-listener.service';
import { NotificationsService } from '../../apps/api/src/notifications/notifications.service';
import { TAKEN_KEYWORD } from '../../apps/api/src/mail-transport/imap-poller.service';
import { dovecotAvailable, sendMail, smtpDialog, startDovecot } from '../support/mail-peers';
import { startTestApp, supervisor, tempDataDir, TestApp } from '../support/test-app';
import { RelayedMessage, startTestRelay, TestRelay } from '../support/test-relay';
import { waitUntil } from '../support/wait';

/**
 * The email channel end to end: real mail over SMTP to the running app's listener, and what the
 * app sends read from a second SMTP server acting as its relay. Each test writes in as its own
 * customer, so none depends on another.
 */
jest.setTimeout(90_000);

const SUPPORT = 'support@helpdesk.test';
const SECRET = 'the mail channel test thread secret, 32+ chars';

describe('the email channel over SMTP', () => {
  let relay: TestRelay;
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    relay = await startTestRelay();
    t = await startTestApp({
      env: {
        SMTP_PORT: '0',
        SMTP_HOST: '127.0.0.1',
        SUPPORT_ADDRESSES: SUPPORT,
        MAIL_FROM: SUPPORT,
        MAIL_THREAD_SECRET: SECRET,
        SMTP_RELAY_URL: relay.url,
        // No DNS from tests: SPF/DKIM/DMARC are recorded as skipped.
        MAIL_AUTH_DNS_TIMEOUT_MS: '0',
        RUN_ROUTING: 'false',
      },
    });
    port = t.app.get(SmtpListenerService).port!;
  });
  afterAll(async () => {
    await t?.destroy();
    await relay?.close();
  });

  const to = (address: string) => relay.messages.filter((m) => m.to.includes(address));
  const mailIdOf = (response: string) => /recorded as (\S+)/.exec(response)![1];
  const ticket = async (id: string) => (await t.http.get(`/tickets/${id}`).set(t.as(supervisor)).expect(200)).body;
  const notifications = async (ticketId: string) => (await t.http.get(`/tickets/${ticketId}/notifications`).set(t.as(supervisor)).expect(200)).body.items as Array<{ id: string; kind: string; status: string; failure: { reason: string } | null }>;
  const mail = async (mailId: string) => (await t.http.get(`/mail/${mailId}`).set(t.as(supervisor)).expect(200)).body;
  /** Every event appended so far has gone through the outbox reactor (anything it would send is requested). */
  const outboxCaughtUp = async () => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await t.app.get(NotificationsService).reactor!.waitFor(head)).toBe(true);
  };

  /** A customer writes in; answers the ticket made and the acknowledgement the relay received. */
  async function writeIn(from: string, subject: string, text: string, extra: Record<string, unknown> = {}) {
    const info = await sendMail(port, { from, to: SUPPORT, subject, text, ...extra });
    const address = /<(.*)>/.exec(from)![1];
    const ack = await waitUntil(`the acknowledgement to ${address}`, () => to(address)[0]);
    const ref = parseThreadMessageId(ack.parsed.messageId!, SECRET);
    expect(ref).not.toBeNull();
    const view = await waitUntil('the ticket in the read model', () => t.http.get(`/tickets/${ref!.ticketId}`).set(t.as(supervisor)).then((r) => (r.status === 200 ? r.body : null)));
    return { mailId: mailIdOf(info.response), ticketId: ref!.ticketId, number: view.number as string, ack };
  }

  it('acknowledges a new request in the customer language with its number', async () => {
    const urdu = await writeIn('Ayesha Khan <ayesha.mail@example.pk>', 'پاسپورٹ کی درخواست', 'السلام علیکم، میری پاسپورٹ کی درخواست کی حیثیت کیا ہے؟');
    expect(urdu.number).toMatch(/^HD-\d{6}$/);
    expect(urdu.ack.parsed.subject).toBe(`[${urdu.number}] ہمیں آپ کی درخواست موصول ہو گئی ہے: پاسپورٹ کی درخواست`);
    expect(urdu.ack.parsed.text).toContain(urdu.number);
    expect(urdu.ack.parsed.html).toContain('dir="rtl"');
    const view = await ticket(urdu.ticketId);
    expect(view).toMatchObject({ channel: 'email', subject: 'پاسپورٹ کی درخواست', customer: { email: 'ayesha.mail@example.pk', name: 'Ayesha Khan', language: 'ur' } });

    const english = await writeIn('Omar Farooq <omar.mail@example.com>', 'Invoice missing', 'Hello, my January invoice never arrived.');
    expect(english.ack.parsed.subject).toBe(`[${english.number}] We have received your request: Invoice missing`);
    expect(english.ack.parsed.text).toContain(english.number);
    expect(english.ack.to).toEqual(['omar.mail@example.com']);
  });

  it('threads a reply to the acknowledgement onto the ticket as the customer public comment, quoted history stripped', async () => {
    const customer = 'zara.mail@example.pk';
    const request = await writeIn(`Zara <${customer}>`, 'Cannot upload documents', 'The upload button does nothing.');
    const reply = await sendMail(port, {
      from: `Zara <${customer}>`,
      to: SUPPORT,
      subject: `Re: ${request.ack.parsed.subject}`,
      inReplyTo: request.ack.parsed.messageId,
      references: [request.ack.parsed.messageId!],
      text: `It works in Firefox but not in Chrome.\n\nOn Mon, 5 Jan 2026 at 09:00, Helpdesk <${SUPPORT}> wrote:\n> We have received your request.\n`,
    });
    expect((await mail(mailIdOf(reply.response))).history.map((h: { type: string }) => h.type)).toEqual(['MailReceived', 'MailThreaded']);
    const view = await waitUntil('the reply on the ticket', () => ticket(request.ticketId).then((v) => (v.comments.length ? v : null)));
    expect(view.comments).toEqual([expect.objectContaining({ author: 'customer', visibility: 'public', body: 'It works in Firefox but not in Chrome.' })]);
  });

  it('creates nothing and sends nothing for an auto-reply to the acknowledgement', async () => {
    const customer = 'away.mail@example.pk';
    const request = await writeIn(`Away <${customer}>`, 'Refund request', 'Please refund order 1123.');
    await waitUntil('the acknowledgement recorded as sent', () => notifications(request.ticketId).then((items) => items[0]?.status === 'sent'));
    const ticketsBefore = (await t.http.get('/tickets').query({ customerEmail: customer }).set(t.as(supervisor)).expect(200)).body.total;

    const auto = await sendMail(port, {
      from: `Away <${customer}>`,
      to: SUPPORT,
      subject: `Automatic reply: ${request.ack.parsed.subject}`,
      inReplyTo: request.ack.parsed.messageId,
      references: [request.ack.parsed.messageId!],
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' },
      text: 'I am out of the office until Monday.',
    });
    expect((await mail(mailIdOf(auto.response))).history.map((h: { type: string }) => h.type)).toEqual(['MailReceived', 'MailIgnored']);
    await outboxCaughtUp();
    expect((await t.http.get('/tickets').query({ customerEmail: customer }).set(t.as(supervisor)).expect(200)).body.total).toBe(ticketsBefore);
    expect((await ticket(request.ticketId)).comments).toEqual([]);
    expect((await notifications(request.ticketId)).map((n) => n.kind)).toEqual(['acknowledgement']);
    expect(to(customer)).toHaveLength(1);
  });

  it('marks the acknowledgement failed when a bounce for it comes back from the null sender', async () => {
    const customer = 'gone.mail@example.pk';
    const request = await writeIn(`Gone <${customer}>`, 'Address change', 'Please change my postal address.');
    const [ack] = await waitUntil('the acknowledgement recorded as sent', () => notifications(request.ticketId).then((items) => (items[0]?.status === 'sent' ? items : null)));

    const dsn = bounceFor(request.ack, customer);
    const replies = await smtpDialog(port, ['EHLO mx.example.pk', 'MAIL FROM:<>', `RCPT TO:<${SUPPORT}>`, 'DATA', dsn, 'QUIT']);
    expect(replies[5]).toMatch(/^250 /);
    const failed = await waitUntil('the bounce applied', () => notifications(request.ticketId).then((items) => (items[0]?.status === 'failed' ? items[0] : null)));
    expect(failed).toMatchObject({ id: ack.id, failure: { reason: 'bounced' } });
    await outboxCaughtUp();
    expect(to(customer)).toHaveLength(1); // nothing sent about the bounce
  });

  it('never records a spoofed reply from another address as the customer', async () => {
    const customer = 'real.mail@example.pk';
    const request = await writeIn(`Real Customer <${customer}>`, 'Account locked', 'My account is locked.');
    const spoof = await sendMail(port, {
      from: `Real Customer <intruder.mail@example.net>`,
      to: SUPPORT,
      subject: `Re: ${request.ack.parsed.subject}`,
      inReplyTo: request.ack.parsed.messageId,
      references: [request.ack.parsed.messageId!],
      text: 'All fixed, please close the ticket.',
    });
    const history = (await mail(mailIdOf(spoof.response))).history;
    expect(history.map((h: { type: string }) => h.type)).toEqual(['MailReceived', 'MailHeld']);
    expect(history[1].data).toMatchObject({ reason: 'sender_not_customer', ticketId: request.ticketId });
    await outboxCaughtUp();
    const view = await ticket(request.ticketId);
    expect(view.comments.filter((c: { author: string }) => c.author === 'customer')).toEqual([]);
    expect(view.status).toBe('new');
    expect(to('intruder.mail@example.net')).toEqual([]);
  });

  it('keeps an attachment byte for byte', async () => {
    const bytes = randomBytes(50_000);
    const request = await writeIn('Hina <hina.mail@example.pk>', 'Screenshot of the error', 'The error is in the attached file.', {
      attachments: [{ filename: 'error-screen.bin', content: bytes, contentType: 'application/octet-stream' }],
    });
    const view = await ticket(request.ticketId);
    expect(view.attachments).toEqual([expect.objectContaining({ filename: 'error-screen.bin', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') })]);
    const download = await t.http
      .get(`/tickets/${request.ticketId}/attachments/${view.attachments[0].id}`)
      .set(t.as(supervisor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
  });
});

describe('the SMTP listener in the app', () => {
  it('listens only when SMTP_PORT is set, and closes with the app', async () => {
    const off = await startTestApp();
    try {
      expect(off.app.get(SmtpListenerService).port).toBeUndefined();
    } finally {
      await off.destroy();
    }
    const on = await startTestApp({ env: { SMTP_PORT: '0', SMTP_HOST: '127.0.0.1', SUPPORT_ADDRESSES: SUPPORT, MAIL_AUTH_DNS_TIMEOUT_MS: '0' } });
    const port = on.app.get(SmtpListenerService).port!;
    try {
      expect((await smtpDialog(port, ['QUIT']))[0]).toMatch(/^220 /);
    } finally {
      await on.destroy();
    }
    await expect(connects(port)).resolves.toBe(false);
  });
});

(dovecotAvailable() ? describe : describe.skip)('the IMAP poller in the app', () => {
  it('turns a message in the mailbox into a ticket and marks it taken', async () => {
    const dovecot = await startDovecot();
    let t: TestApp | undefined;
    try {
      await dovecot.append(`From: Sana <sana.imap@example.pk>\r\nTo: ${SUPPORT}\r\nSubject: Printer offline\r\nMessage-ID: <printer-offline@example.pk>\r\n\r\nThe office printer is offline.\r\n`);
      t = await startTestApp({ env: { IMAP_URL: dovecot.url(), IMAP_POLL_SECONDS: '1', SUPPORT_ADDRESSES: SUPPORT, MAIL_AUTH_DNS_TIMEOUT_MS: '0', RUN_ROUTING: 'false' } });
      const app = t;
      const found = await waitUntil('the ticket from the mailbox', () =>
        app.http.get('/tickets').query({ customerEmail: 'sana.imap@example.pk' }).set(app.as(supervisor)).then((r) => (r.body.total === 1 ? r.body.items[0] : null)),
      );
      expect(found).toMatchObject({ subject: 'Printer offline', channel: 'email' });
      await waitUntil('the message marked taken', () => dovecot.messages().then(([m]) => m.flags.includes(TAKEN_KEYWORD)));
    } finally {
      await t?.destroy();
      await dovecot.stop();
    }
  });

  it('records a message once when the app died after recording it and before marking it', async () => {
    const dovecot = await startDovecot();
    const dataDir = tempDataDir();
    const raw = Buffer.from(`From: Noor <noor.imap@example.pk>\r\nTo: ${SUPPORT}\r\nSubject: VPN drops\r\nMessage-ID: <vpn-drops@example.pk>\r\n\r\nThe VPN drops every hour.\r\n`);
    const env = { SUPPORT_ADDRESSES: SUPPORT, MAIL_AUTH_DNS_TIMEOUT_MS: '0', RUN_ROUTING: 'false' };
    let t: TestApp | undefined;
    try {
      // The earlier process: the pipeline recorded the message, then the process died (no mark).
      await dovecot.append(raw);
      t = await startTestApp({ dataDir, env });
      expect(await t.app.get<MailIngest>(MAIL_INGEST).ingest(raw, { transport: 'imap' })).toMatchObject({ outcome: 'ticket_created' });
      await t.stop();

      t = await startTestApp({ dataDir, env: { ...env, IMAP_URL: dovecot.url(), IMAP_POLL_SECONDS: '1' } });
      await waitUntil('the message marked taken', () => dovecot.messages().then(([m]) => m.flags.includes(TAKEN_KEYWORD)));
      const app = t;
      const list = await waitUntil('the ticket listed', () =>
        app.http.get('/tickets').query({ customerEmail: 'noor.imap@example.pk' }).set(app.as(supervisor)).then((r) => (r.body.total > 0 ? r.body : null)),
      );
      expect(list.total).toBe(1);
      const mails = (await app.http.get('/mail').set(app.as(supervisor)).expect(200)).body;
      expect(mails.total).toBe(1);
    } finally {
      await t?.destroy();
      await dovecot.stop();
    }
  });
});

/** A Postfix-shaped delivery status notification for `sent`, quoting its headers. */
function bounceFor(sent: RelayedMessage, recipient: string): string {
  const boundary = 'BOUNCE.1767862801/mx.example.pk';
  return [
    'From: MAILER-DAEMON@mx.example.pk (Mail Delivery System)',
    `To: ${SUPPORT}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    `Message-Id: <bounce-${randomBytes(6).toString('hex')}@mx.example.pk>`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `<${recipient}>: host mx.example.pk said: 550 5.1.1 User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.pk',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: User unknown`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    `From: Helpdesk <${SUPPORT}>`,
    `To: ${recipient}`,
    `Subject: ${sent.parsed.headers.get('subject')}`,
    `Message-ID: ${sent.parsed.messageId}`,
    'Auto-Submitted: auto-generated',
    '',
    `--${boundary}--`,
  ].join('\r\n');
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
