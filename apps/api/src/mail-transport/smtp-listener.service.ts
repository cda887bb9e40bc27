import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, CLOCK } from '@helpdesk/shared';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { Settings, SETTINGS } from '../config/settings';
import { MAIL_INGEST, MailIngest } from '../mail/mail-ingest.port';

/** An SMTP reply other than 250, with its code (smtp-server reads `responseCode`). */
const refusal = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** Connections open at once; an MX for one helpdesk needs far fewer. */
const MAX_CLIENTS = 100;
/** Recipients per message: mail for more than this many support addresses at once is not ours. */
const MAX_RECIPIENTS = 50;
/** Idle time before a client is dropped (RFC 5321 asks for minutes; a minute keeps slow-loris cheap). */
const SOCKET_TIMEOUT_MS = 60_000;
/** On shutdown, how long messages in flight may take to finish before their connections are cut. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The inbound MX: an SMTP server (no AUTH: it receives mail for the support addresses, it is no
 * submission server) that hands each message, byte for byte, with its envelope to the mail
 * pipeline. It answers 250 only once the pipeline has recorded the message; if that fails it
 * answers 451, and the sending MTA keeps the message and tries again, so nothing is lost.
 * Off unless SMTP_PORT is set.
 */
@Injectable()
export class SmtpListenerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SMTP');
  private server?: SMTPServer;
  private readonly supportAddresses: Set<string>;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(MAIL_INGEST) private readonly ingest: MailIngest,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.supportAddresses = new Set(settings.SUPPORT_ADDRESSES.map((a) => a.toLowerCase()));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.SMTP_PORT !== undefined) await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** The port listened on (useful with SMTP_PORT=0); undefined when not listening. */
  get port(): number | undefined {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? address.port : undefined;
  }

  async start(): Promise<number> {
    if (this.server) return this.port!;
    const s = this.settings;
    if (this.supportAddresses.size === 0) throw new Error('SMTP_PORT is set but SUPPORT_ADDRESSES is empty: the listener would refuse every message');
    if (Boolean(s.SMTP_TLS_KEY_FILE) !== Boolean(s.SMTP_TLS_CERT_FILE)) throw new Error('STARTTLS needs both SMTP_TLS_KEY_FILE and SMTP_TLS_CERT_FILE');
    const tls = s.SMTP_TLS_KEY_FILE && s.SMTP_TLS_CERT_FILE ? { key: readFileSync(s.SMTP_TLS_KEY_FILE), cert: readFileSync(s.SMTP_TLS_CERT_FILE) } : undefined;

    const server = new SMTPServer({
      ...tls,
      banner: 'Helpdesk',
      // An MX: anyone may deliver to the support addresses, nobody signs in.
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      size: s.SMTP_MAX_MESSAGE_BYTES,
      maxClients: MAX_CLIENTS,
      maxRecipients: MAX_RECIPIENTS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      closeTimeout: CLOSE_TIMEOUT_MS,
      // No DNS on the path of every connection; the address itself goes to the pipeline for SPF.
      disableReverseLookup: true,
      logger: false,
      onRcptTo: (address, _session, callback) => callback(this.checkRecipient(address)),
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (error) => this.logger.warn(`SMTP connection error: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(s.SMTP_PORT ?? 0, s.SMTP_HOST, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`SMTP listener on ${s.SMTP_HOST}:${this.port} for ${[...this.supportAddresses].join(', ')} (STARTTLS ${tls ? 'on' : 'off'}, messages up to ${s.SMTP_MAX_MESSAGE_BYTES} bytes)`);
    return this.port!;
  }

  /** Stops accepting connections and waits (at most CLOSE_TIMEOUT_MS) for messages in flight. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress): Error | null {
    if (this.supportAddresses.has(address.address.toLowerCase())) return null;
    return refusal(550, `5.1.1 <${address.address}>: no such mailbox here`);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    // Past the limit the rest is read and dropped, not held in memory.
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    if (stream.sizeExceeded) throw refusal(552, `5.3.4 Message exceeds the fixed maximum message size of ${this.settings.SMTP_MAX_MESSAGE_BYTES} bytes`);
    const raw = Buffer.concat(chunks);
    const { mailFrom, rcptTo } = session.envelope;
    try {
      const outcome = await this.ingest.ingest(raw, {
        transport: 'smtp',
        envelopeFrom: mailFrom ? mailFrom.address : '',
        envelopeTo: rcptTo.map((r) => r.address),
        remoteAddress: session.remoteAddress,
        heloName: session.hostNameAppearsAs || undefined,
        receivedAt: this.clock.now(),
      });
      return `OK: recorded as ${outcome.mailId}`;
    } catch (error) {
      this.logger.error(`Could not record a message from ${session.remoteAddress} (answered 451, the sender will retry): ${(error as Error).message}`);
      throw refusal(451, '4.3.0 Temporary failure recording the message, please try again later');
    }
  }
}
