import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock, CLOCK } from '@helpdesk/shared';
import { ImapFlow } from 'imapflow';
import { Settings, SETTINGS } from '../config/settings';
import { MAIL_INGEST, MailIngest } from '../mail/mail-ingest.port';
import { ImapTarget, parseImapUrl } from './imap-url';

/**
 * The keyword set on a message once the pipeline has recorded it. The mark lives on the server,
 * so it survives restarts and needs no local state; \Seen is set too, for people who read the
 * mailbox, but only the keyword decides what is taken (reading a message in a mail client does
 * not hide it from Helpdesk).
 */
export const TAKEN_KEYWORD = '$HelpdeskIngested';
/** Backoff after a failed round: 1 s, 2 s, 4 s ... up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;
const CONNECT_TIMEOUT_MS = 30_000;
/** On stop, how long a round in progress may take to finish its message. */
const STOP_GRACE_MS = 10_000;

export interface PollResult {
  /** UIDs ingested and marked in this round, in order. */
  taken: number[];
}

/** An error of the poller, with the mailbox named without its password. */
export class ImapPollError extends Error {
  constructor(message: string, readonly authenticationFailed = false) {
    super(message);
  }
}

/**
 * Takes support mail from a mailbox hosted elsewhere: every IMAP_POLL_SECONDS (and as soon as the
 * server announces new mail while the connection idles) it fetches each message of IMAP_FOLDER
 * without the TAKEN_KEYWORD, oldest first, hands its raw source to the pipeline, and marks it
 * only once the pipeline has recorded it. The app dying between the two re-takes that one
 * message on the next round, which the pipeline recognises as a duplicate (Message-ID and
 * content hash), so every message is recorded exactly once. A failure ends the round (later
 * messages wait, keeping their order) and the next round comes after a backoff. Off unless
 * IMAP_URL is set.
 */
@Injectable()
export class ImapPollerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IMAP');
  private client?: ImapFlow;
  private timer?: NodeJS.Timeout;
  private round?: Promise<PollResult>;
  private running = false;
  private stopping = false;
  private failures = 0;
  private target?: ImapTarget;
  /** The last failure, with no secret in it, for health reporting; cleared by a good round. */
  lastError?: string;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(MAIL_INGEST) private readonly ingest: MailIngest,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.IMAP_URL) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts polling in the background: a round now, then one every IMAP_POLL_SECONDS. */
  start(): void {
    this.mailbox(); // a bad IMAP_URL fails the start, not a later round
    this.stopping = false;
    this.running = true;
    this.logger.log(`Polling ${this.target!.redacted} folder ${this.settings.IMAP_FOLDER} every ${this.settings.IMAP_POLL_SECONDS} s`);
    this.schedule(0);
  }

  /** Stops polling; a round in progress finishes the message it is on, then the connection is closed. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.running = false;
    clearTimeout(this.timer);
    // A round stuck on an unanswering server must not hold the shutdown up: closing the
    // connection fails its pending command (the message it was on stays unmarked).
    if (this.round) await within(this.round.catch(() => undefined), STOP_GRACE_MS);
    await this.disconnect();
  }

  /**
   * One round: connects if need be and takes every message not yet taken. Rounds never overlap
   * (a call during one waits for it, then runs its own). Rejects with an ImapPollError when the
   * mailbox cannot be reached or the pipeline fails; what was taken before stays taken.
   */
  pollOnce(): Promise<PollResult> {
    const previous = this.round?.catch(() => undefined) ?? Promise.resolve();
    const round = previous.then(() => this.takeNew());
    this.round = round;
    return round;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const { taken } = await this.pollOnce();
      if (this.failures > 0) this.logger.log(`${this.target!.redacted} reachable again`);
      this.failures = 0;
      this.lastError = undefined;
      if (taken.length) this.logger.log(`Took ${taken.length} message(s) from ${this.settings.IMAP_FOLDER}`);
      this.schedule(this.settings.IMAP_POLL_SECONDS * 1000);
    } catch (error) {
      this.failures += 1;
      const delay = Math.min(1000 * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
      this.lastError = (error as Error).message;
      this.logger.warn(`${this.lastError} (attempt ${this.failures}; next try in ${Math.round(delay / 1000)} s)`);
      this.schedule(delay);
    }
  }

  private mailbox(): ImapTarget {
    if (!this.settings.IMAP_URL) throw new Error('IMAP_URL is not set');
    this.target ??= parseImapUrl(this.settings.IMAP_URL);
    return this.target;
  }

  private async takeNew(): Promise<PollResult> {
    if (this.stopping) return { taken: [] };
    const target = this.mailbox();
    const client = await this.connect(target);
    const folder = this.settings.IMAP_FOLDER;
    const taken: number[] = [];
    const lock = await client.getMailboxLock(folder).catch(async (error) => {
      await this.disconnect();
      throw new ImapPollError(`Cannot open folder ${folder} on ${target.redacted}: ${describe(error)}`);
    });
    try {
      const mailbox = client.mailbox;
      if (!mailbox || mailbox.readOnly) throw new ImapPollError(`Folder ${folder} on ${target.redacted} is read-only: taken messages could not be marked`);
      // Servers that keep no keywords in this folder get \Seen as the mark instead.
      const keywords = mailbox.permanentFlags?.has('\\*') || mailbox.permanentFlags?.has(TAKEN_KEYWORD);
      // A folder kept selected between rounds sees mail delivered since only once the server syncs it.
      await client.noop();
      const uids = (await client.search(keywords ? { unKeyword: TAKEN_KEYWORD } : { seen: false }, { uid: true })) || [];
      for (const uid of [...uids].sort((a, b) => a - b)) {
        if (this.stopping) break;
        const message = await client.fetchOne(String(uid), { source: true, internalDate: true }, { uid: true });
        if (!message || !message.source) continue; // expunged since the search
        try {
          await this.ingest.ingest(message.source, { transport: 'imap', receivedAt: receivedAt(message.internalDate) ?? this.clock.now() });
        } catch (error) {
          throw new ImapPollError(`The mail pipeline could not record message UID ${uid} of ${folder} (left unmarked, retried next round): ${describe(error)}`);
        }
        await client.messageFlagsAdd(String(uid), keywords ? [TAKEN_KEYWORD, '\\Seen'] : ['\\Seen'], { uid: true });
        taken.push(uid);
      }
      return { taken };
    } catch (error) {
      if (error instanceof ImapPollError) throw error;
      await this.disconnect();
      throw new ImapPollError(`Lost ${target.redacted} while polling ${folder}: ${describe(error)}`);
    } finally {
      lock.release();
    }
  }

  /** The open connection, or a new one: imapflow cannot reconnect a closed client. */
  private async connect(target: ImapTarget): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.disconnect();
    const client = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      doSTARTTLS: target.requireStartTls ? true : undefined,
      auth: { user: target.user, pass: target.password },
      logger: false,
      connectionTimeout: CONNECT_TIMEOUT_MS,
      greetingTimeout: CONNECT_TIMEOUT_MS,
      clientInfo: { name: 'Helpdesk' },
    });
    // Without a listener a dropped socket would be an uncaught 'error'; the next round reconnects.
    client.on('error', (error: Error) => this.logger.warn(`Connection to ${target.redacted}: ${describe(error)}`));
    client.on('close', () => {
      if (this.client === client) this.client = undefined;
    });
    // New mail announced while idling: take it now rather than at the next interval.
    client.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount && this.running && !this.stopping) this.schedule(0);
    });
    try {
      await client.connect();
    } catch (error) {
      client.close();
      const failedAuth = Boolean((error as { authenticationFailed?: boolean }).authenticationFailed);
      throw new ImapPollError(
        failedAuth ? `Sign-in to ${target.redacted} refused: check the user and password in IMAP_URL` : `Cannot connect to ${target.redacted}: ${describe(error)}`,
        failedAuth,
      );
    }
    this.client = client;
    return client;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    if (client.usable) await within(client.logout().catch(() => undefined), STOP_GRACE_MS);
    client.close();
  }
}

/** Waits for `work`, or `ms` at most. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** An imapflow error in words: its message and the server's answer, never the credentials. */
function describe(error: unknown): string {
  const e = error as { message?: string; responseText?: string; code?: string };
  return [e.message, e.responseText && e.responseText !== e.message ? e.responseText : undefined, e.code].filter(Boolean).join(' / ');
}

function receivedAt(value: Date | string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
