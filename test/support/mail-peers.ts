import { AddressInfo, createConnection } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { SMTPServer } from 'smtp-server';
import { MailIngest, MailIngestOutcome, MailReceipt } from '../../apps/api/src/mail/mail-ingest.port';

export { Dovecot, dovecotAvailable, freePort, MailboxMessage, startDovecot } from './dovecot';

/** Polls `predicate` until it holds (or answers a value), failing after a generous deadline. */
export async function waitUntil<T>(predicate: () => T | Promise<T>, what = 'the condition', timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface CapturedMail {
  /** The message exactly as the relay received it. */
  raw: Buffer;
  /** MAIL FROM ('' for the null sender) and RCPT TO. */
  envelope: { from: string; to: string[] };
  receivedAt: Date;
}

export interface Relay {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_RELAY_URL. */
  url: string;
  /** Every message accepted so far, in order. */
  messages: CapturedMail[];
  /** The first captured message that satisfies `predicate` (waits for it). */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** Answers the next `count` messages with `code` (e.g. 451 to test retries, 550 to test failures). */
  refuseNext(count: number, code?: number): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port standing in for the outbound relay: it accepts
 * every message (no AUTH, no STARTTLS) and keeps it with its envelope.
 */
export async function startRelay(): Promise<Relay> {
  const messages: CapturedMail[] = [];
  let refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const code = refusals.shift();
        if (code) return callback(Object.assign(new Error(`Refused by the test relay (${code})`), { responseCode: code }));
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({ raw: Buffer.concat(chunks), envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address) }, receivedAt: new Date() });
        callback(null, 'OK: captured');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let stopped = false;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor: (predicate, timeoutMs) => waitUntil(() => messages.find(predicate), 'a message at the relay', timeoutMs),
    refuseNext: (count, code = 451) => {
      refusals = [...refusals, ...Array<number>(count).fill(code)];
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type OutgoingMail = { raw: Buffer | string; envelope: { from: string; to: string[] } } | Mail.Options;

export interface SendOptions {
  /** Refuse to send unless the server offers STARTTLS (and the upgrade succeeds). */
  requireTLS?: boolean;
  /** CA certificates trusted for STARTTLS (a test's self-signed certificate). */
  ca?: string | Buffer;
  host?: string;
}

/**
 * Sends one message over SMTP with nodemailer to a listener on 127.0.0.1: either a raw message
 * with its envelope (sent as is) or nodemailer's message fields. Answers nodemailer's info
 * (accepted, rejected, response); a refusal rejects with nodemailer's error (`responseCode`).
 */
export async function sendMail(port: number, mail: OutgoingMail, options: SendOptions = {}): Promise<SMTPTransport.SentMessageInfo> {
  const transport = nodemailer.createTransport({
    host: options.host ?? '127.0.0.1',
    port,
    secure: false,
    requireTLS: options.requireTLS,
    // Without a CA given, an offered STARTTLS is not used: the test listener's certificate would not verify.
    ignoreTLS: !options.requireTLS && !options.ca,
    tls: options.ca ? { ca: options.ca, servername: 'localhost' } : undefined,
    name: 'client.test',
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 20_000,
  });
  try {
    return await transport.sendMail(mail as Mail.Options);
  } finally {
    transport.close();
  }
}

export interface ReceivedMail {
  raw: Buffer;
  receipt: MailReceipt;
}

/**
 * The transports' side of the MailIngest port for transport tests: records exactly what it was
 * handed, and can be told to fail (as a pipeline whose store is down would) to test retries.
 */
export class RecordingIngest implements MailIngest {
  readonly received: ReceivedMail[] = [];
  private failures = 0;
  attempts = 0;

  /** The next `count` deliveries reject, recording nothing. */
  failNext(count: number): void {
    this.failures += count;
  }

  async ingest(raw: Buffer, receipt: MailReceipt): Promise<MailIngestOutcome> {
    this.attempts += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('event store unavailable (test)');
    }
    this.received.push({ raw: Buffer.from(raw), receipt });
    return { mailId: `mail-test-${this.received.length}`, outcome: 'recorded' };
  }
}

/**
 * A plain SMTP conversation, for what nodemailer hides (the EHLO capabilities, a message that
 * goes over the size limit without a SIZE parameter): sends each step and collects each reply
 * (a multi-line reply joined with newlines). A step is a command line or, after DATA, the
 * message text (its terminating `.` line is added).
 */
export function smtpDialog(port: number, steps: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const replies: string[] = [];
    let buffer = '';
    let current: string[] = [];
    let next = 0;
    let afterData = false;
    socket.setTimeout(20_000, () => socket.destroy(new Error(`SMTP dialog timed out after ${replies.length} replies: ${replies.join(' | ')}`)));
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        current.push(line);
        if (line[3] === '-') continue;
        replies.push(current.join('\n'));
        current = [];
        if (next >= steps.length) {
          socket.end();
          continue;
        }
        const step = steps[next++];
        const dataPrompt = line.startsWith('354');
        socket.write(dataPrompt && afterData ? `${step}\r\n.\r\n` : `${step}\r\n`, 'latin1');
        afterData = /^DATA$/i.test(step);
      }
    });
  });
}
