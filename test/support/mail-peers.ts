import { createConnection } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { MailIngest, MailIngestOutcome, MailReceipt } from '../../apps/api/src/mail/mail-ingest.port';

/**
 * The peers of the mail tests: a sender (nodemailer, or a plain SMTP conversation) to the
 * listener, a recorder standing in for the pipeline, and dovecot (./dovecot). The outbound
 * relay that captures what Helpdesk sends is ./test-relay (startTestRelay).
 */
export { Dovecot, dovecotAvailable, MailboxMessage, startDovecot } from './dovecot';
export { freePort } from './free-port';

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
