import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { WAIT_TIMEOUT_MS } from './wait';

/** One message the relay accepted, raw and parsed, with its SMTP envelope. */
export interface RelayedMessage {
  raw: Buffer;
  parsed: ParsedMail;
  from: string | null;
  to: string[];
  /** DSN ENVID of MAIL FROM, as the sender gave it. */
  envelopeId: string | null;
}

/** What the relay answers to DATA: accept, refuse with an SMTP code, or hold the message without answering. */
export type RelayMode = { kind: 'accept' } | { kind: 'refuse'; code: number; message: string } | { kind: 'stall' };

/**
 * A real SMTP relay on a loopback port (smtp-server), for tests: keeps every message it accepts,
 * counts every DATA it was offered, and answers as `mode` says.
 */
export interface TestRelay {
  url: string;
  port: number;
  messages: RelayedMessage[];
  /** Messages offered (DATA received), whatever the answer. */
  offered: number;
  /** Messages being held by a 'stall' answer right now. */
  stalled: number;
  mode: RelayMode;
  /** Waits until `predicate` holds, polling; throws with `what` after the deadline. */
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestRelay(port = 0): Promise<TestRelay> {
  const relay = { messages: [] as RelayedMessage[], offered: 0, stalled: 0, mode: { kind: 'accept' } as RelayMode };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideDSN: false,
    logger: false,
    closeTimeout: 1000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        relay.offered++;
        const mode = relay.mode;
        if (mode.kind === 'stall') {
          relay.stalled++;
          return; // never answered: the client waits until it gives up or dies
        }
        if (mode.kind === 'refuse') return callback(Object.assign(new Error(mode.message), { responseCode: mode.code }));
        const raw = Buffer.concat(chunks);
        const envelope = session.envelope;
        relay.messages.push({
          raw,
          parsed: await simpleParser(raw),
          from: envelope.mailFrom ? envelope.mailFrom.address : null,
          to: envelope.rcptTo.map((r) => r.address),
          envelopeId: envelope.dsn?.envid ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return Object.assign(relay, {
    url: `smtp://127.0.0.1:${actualPort}`,
    port: actualPort,
    async waitFor(predicate: () => boolean, what: string, timeoutMs = WAIT_TIMEOUT_MS) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (relay has ${relay.messages.length} messages, ${relay.offered} offered)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled sessions would keep close() waiting: end them.
        for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
        server.close(() => resolve());
      }),
  });
}

/** Polls an async predicate until it holds (generous deadline for a busy machine). */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
