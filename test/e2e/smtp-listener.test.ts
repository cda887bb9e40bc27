import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ManualClock } from '@helpdesk/shared';
import { validateSettings } from '../../apps/api/src/config/settings';
import { SmtpListenerService } from '../../apps/api/src/mail-transport/smtp-listener.service';
import { MailReceipt } from '../../apps/api/src/mail/mail-ingest.port';
import { RecordingIngest, sendMail, smtpDialog } from '../support/mail-peers';
import { waitUntil } from '../support/wait';

/**
 * The inbound SMTP listener with a real SMTP client (nodemailer, and a plain socket where
 * nodemailer would hide the conversation). The mail pipeline is replaced by a recorder of what
 * the listener hands over: the listener's job is the exact bytes and the envelope.
 */
const SUPPORT = 'support@helpdesk.test';
const BILLING = 'billing@helpdesk.test';
const LIMIT = 4096;
const clock = new ManualClock('2026-03-02T09:30:00.000Z');

const message = (subject: string, body = 'Hello,\r\nmy invoice is wrong.\r\n') =>
  `From: Ayesha Khan <ayesha@example.pk>\r\nTo: ${SUPPORT}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.pk>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`;

let started: SmtpListenerService[] = [];
async function listen(env: Record<string, string> = {}, ingest = new RecordingIngest()) {
  const settings = validateSettings({ SMTP_PORT: '0', SMTP_HOST: '127.0.0.1', SUPPORT_ADDRESSES: `${SUPPORT}, ${BILLING}`, SMTP_MAX_MESSAGE_BYTES: String(LIMIT), ...env });
  const listener = new SmtpListenerService(settings, ingest, clock);
  started.push(listener);
  const port = await listener.start();
  return { listener, port, ingest };
}

beforeAll(() => Logger.overrideLogger(false));
afterEach(async () => {
  await Promise.all(started.map((l) => l.stop()));
  started = [];
});

describe('SMTP listener', () => {
  it('delivers the exact bytes with the envelope, the client address and the HELO name', async () => {
    const { port, ingest } = await listen();
    // A line starting with a dot exercises SMTP's dot-stuffing; 8-bit UTF-8 the 8BITMIME path.
    const raw = message('Invoice wrong', 'Salaam,\r\n.this line starts with a dot\r\nشکریہ\r\n');
    const info = await sendMail(port, { raw, envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } });

    expect(info.accepted).toEqual([SUPPORT]);
    expect(info.response).toMatch(/^250 .*mail-test-1/);
    expect(ingest.received).toHaveLength(1);
    const [{ raw: delivered, receipt }] = ingest.received;
    expect(delivered.equals(Buffer.from(raw))).toBe(true);
    expect(receipt).toEqual({
      transport: 'smtp',
      envelopeFrom: 'ayesha@example.pk',
      envelopeTo: [SUPPORT],
      remoteAddress: '127.0.0.1',
      heloName: 'client.test',
      receivedAt: clock.now(),
    });
  });

  it('accepts only the support addresses (any case), refusing others with 550', async () => {
    const { port, ingest } = await listen();
    await expect(sendMail(port, { raw: message('Not ours'), envelope: { from: 'ayesha@example.pk', to: ['someone@elsewhere.test'] } })).rejects.toMatchObject({ responseCode: 550 });
    expect(ingest.attempts).toBe(0);

    const info = await sendMail(port, { raw: message('Two of ours'), envelope: { from: 'ayesha@example.pk', to: ['Support@Helpdesk.TEST', 'someone@elsewhere.test', BILLING] } });
    expect(info.rejected).toEqual(['someone@elsewhere.test']);
    expect(ingest.received).toHaveLength(1);
    expect(ingest.received[0].receipt.envelopeTo).toEqual(['Support@helpdesk.test', BILLING]) // smtp-server lower-cases the domain;
  });

  it('takes a bounce from the null sender <>', async () => {
    const { port, ingest } = await listen();
    const replies = await smtpDialog(port, ['EHLO mx.elsewhere.test', 'MAIL FROM:<>', `RCPT TO:<${SUPPORT}>`, 'DATA', message('Undelivered Mail Returned to Sender'), 'QUIT']);
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['220', '250', '250', '250', '354', '250', '221']);
    expect(ingest.received).toHaveLength(1);
    expect(ingest.received[0].receipt).toMatchObject({ envelopeFrom: '', envelopeTo: [SUPPORT], heloName: 'mx.elsewhere.test' });
  });

  it('advertises the size limit and refuses a larger message with 552, whether announced or not', async () => {
    const { port, ingest } = await listen();
    const big = message('Huge', `${'x'.repeat(76)}\r\n`.repeat(Math.ceil(LIMIT / 78) + 1));
    // Announced: nodemailer sends SIZE=, refused at MAIL FROM.
    await expect(sendMail(port, { raw: big, envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } })).rejects.toMatchObject({ responseCode: 552 });
    // Not announced: refused once the data went over the limit.
    const replies = await smtpDialog(port, ['EHLO client.test', 'MAIL FROM:<ayesha@example.pk>', `RCPT TO:<${SUPPORT}>`, 'DATA', big, 'QUIT']);
    expect(replies[1]).toMatch(new RegExp(`^250[- ]SIZE ${LIMIT}$`, 'm'));
    expect(replies[5]).toMatch(/^552 /);
    expect(ingest.attempts).toBe(0);
    // The connection is still good for a message within the limit.
    await sendMail(port, { raw: message('Small'), envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } });
    expect(ingest.received).toHaveLength(1);
  });

  it('answers 451 when the pipeline cannot record the message, and 250 when the sender retries', async () => {
    const ingest = new RecordingIngest();
    ingest.failNext(1);
    const { port } = await listen({}, ingest);
    const raw = message('Retry me');
    await expect(sendMail(port, { raw, envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } })).rejects.toMatchObject({ responseCode: 451 });
    expect(ingest.received).toHaveLength(0);

    const info = await sendMail(port, { raw, envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } });
    expect(info.response).toMatch(/^250 /);
    expect(ingest.attempts).toBe(2);
    expect(ingest.received.map((m) => m.raw.toString())).toEqual([raw]);
  });

  it('offers no AUTH, and no STARTTLS without a key and certificate', async () => {
    const { port } = await listen();
    const [, ehlo] = await smtpDialog(port, ['EHLO client.test', 'AUTH PLAIN AGhlbHBkZXNrAHNlY3JldA==', 'QUIT']);
    expect(ehlo).not.toMatch(/STARTTLS|AUTH/);
    await expect(sendMail(port, { raw: message('Must be private'), envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } }, { requireTLS: true })).rejects.toThrow(/STARTTLS/);
  });

  describe('with a key and certificate', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'helpdesk-smtp-tls-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'pipe' });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('upgrades with STARTTLS, the certificate verified by the client, and delivers the same bytes', async () => {
      const { port, ingest } = await listen({ SMTP_TLS_KEY_FILE: join(dir, 'key.pem'), SMTP_TLS_CERT_FILE: join(dir, 'cert.pem') });
      const [, ehlo] = await smtpDialog(port, ['EHLO client.test', 'QUIT']);
      expect(ehlo).toContain('250-STARTTLS');
      const raw = message('Over TLS');
      const info = await sendMail(port, { raw, envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } }, { requireTLS: true, ca: readFileSync(join(dir, 'cert.pem')) });
      expect(info.response).toMatch(/^250 /);
      expect(ingest.received.map((m) => m.raw.toString())).toEqual([raw]);
    });

    it('refuses to start with only one of the two files', async () => {
      const settings = validateSettings({ SMTP_PORT: '0', SMTP_HOST: '127.0.0.1', SUPPORT_ADDRESSES: SUPPORT, SMTP_TLS_KEY_FILE: join(dir, 'key.pem') });
      await expect(new SmtpListenerService(settings, new RecordingIngest(), clock).start()).rejects.toThrow(/both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE/);
    });
  });

  it('refuses to start with no support address', async () => {
    await expect(new SmtpListenerService(validateSettings({ SMTP_PORT: '0' }), new RecordingIngest(), clock).start()).rejects.toThrow(/SUPPORT_ADDRESSES is empty/);
  });

  it('lets a message in flight finish on stop, then refuses connections', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ingest = new RecordingIngest();
    let entered = false;
    const slow = {
      ingest: async (raw: Buffer, receipt: MailReceipt) => {
        entered = true;
        await held;
        return ingest.ingest(raw, receipt);
      },
    };
    const settings = validateSettings({ SMTP_PORT: '0', SMTP_HOST: '127.0.0.1', SUPPORT_ADDRESSES: SUPPORT });
    const listener = new SmtpListenerService(settings, slow, clock);
    started.push(listener);
    const port = await listener.start();

    const sending = sendMail(port, { raw: message('In flight'), envelope: { from: 'ayesha@example.pk', to: [SUPPORT] } });
    await waitUntil('the message to reach the pipeline', () => entered);
    const stopping = listener.stop();
    await waitUntil('the listener to stop accepting connections', async () => !(await connects(port)));
    release();
    await expect(sending).resolves.toMatchObject({ accepted: [SUPPORT] });
    await stopping;
    expect(ingest.received).toHaveLength(1);
  });
});

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
