import { EventStore, EventSubscription, Position, StoredEvent } from '@helpdesk/event-store';
import { DEAD_LETTER_COLLECTION, padPosition } from '@helpdesk/projection-engine';
import { ReadStore } from '@helpdesk/read-store';
import { NotificationError, notificationsFor, TriggeringEvent, VerificationRequestedFacts, verificationNotification } from '@helpdesk/notifications';
import { Actor, TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';
import { NotificationCommandRunner, OUTBOX_ACTOR } from './notification-command-runner';
import { NotificationFactsSource } from './notification-facts';
import { OutboxCheckpoint } from './outbox-checkpoint';

/** Ticket events that may call for a notification (the rule decides which really do). */
const TICKET_TRIGGERS = new Set(['TicketSubmitted', 'CommentAdded', 'WaitingOnCustomer', 'TicketResolved', 'TicketClosed', 'TicketAssigned', 'SlaWarningIssued', 'AutoCloseReminded', 'RuleFired']);
const MAIL_STREAM_PREFIX = 'mail-';
/** An address being verified (libs/identity email-verification): its link and code go out by mail. */
const VERIFICATION_STREAM_PREFIX = 'verification-';

/** Recorded by the inbound mail pipeline on `mail-<id>` when a delivery status notification answers our mail. */
export interface MailBouncedData {
  mailId: string;
  notificationIds: string[];
  ticketIds: string[];
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
}

export interface OutboxReactorOptions {
  batchSize?: number;
  /** Attempts per event before it is set aside as a dead letter (storage failures are retried without end). */
  maxAttempts?: number;
  backoffMs?: number;
  onError?: (error: unknown, event: StoredEvent) => void;
  onInfo?: (message: string) => void;
}

/**
 * The transactional outbox: follows the global feed from its own checkpoint and records, for
 * each customer- or agent-facing event, the notifications it calls for (one `notification-<id>`
 * stream each, appended with `no_stream`); turns each bounce into a failure of the notifications
 * it names. The event log is the outbox: nothing here is kept only in memory.
 */
export class OutboxReactor {
  private subscription?: EventSubscription;
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly checkpoint: OutboxCheckpoint;
  private readonly listeners = new Set<(position: Position) => void>();
  private readonly options: Required<Omit<OutboxReactorOptions, 'onError' | 'onInfo'>> & OutboxReactorOptions;
  position: Position | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly runner: NotificationCommandRunner,
    private readonly facts: NotificationFactsSource,
    options: OutboxReactorOptions = {},
  ) {
    this.checkpoint = new OutboxCheckpoint(readStore);
    this.options = { batchSize: 200, maxAttempts: 5, backoffMs: 100, ...options };
  }

  /** Resumes from the stored checkpoint; on its very first start, from the head (history is not re-notified). */
  async start(): Promise<void> {
    let from = await this.checkpoint.get();
    if (from === null) {
      from = await this.store.headPosition();
      await this.checkpoint.set(from);
      this.options.onInfo?.(`notification outbox starts at position ${from} (events before it are not notified)`);
    }
    this.position = from;
    this.subscription = this.store.subscribe(from, { maxBatch: this.options.batchSize });
    this.loop = this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /** Called after each batch is done and its checkpoint stored. */
  onProgress(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the outbox has handled `position` (or the timeout passed: false). */
  async waitFor(position: Position, timeoutMs = 10_000): Promise<boolean> {
    if (this.position !== null && this.position >= position) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const off = this.onProgress((p) => p >= position && done(true));
      const done = (reached: boolean) => {
        clearTimeout(timer);
        off();
        resolve(reached);
      };
    });
  }

  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const batch of subscription) {
        for (const event of batch) {
          if (this.stopped) return;
          await this.handleWithRetry(event);
        }
        if (this.stopped) return;
        const last = batch[batch.length - 1].position;
        await this.untilStored(() => this.checkpoint.set(last));
        this.position = last;
        for (const listener of this.listeners) listener(last);
      }
    } catch (error) {
      if (!this.stopped) this.options.onInfo?.(`notification outbox stopped following the feed: ${(error as Error).message}`);
    }
  }

  /** Handles one event; what keeps failing for a reason of its own is set aside, storage outages are waited out. */
  private async handleWithRetry(event: StoredEvent): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handle(event);
        return;
      } catch (error) {
        this.options.onError?.(error, event);
        if (this.stopped) return;
        if (attempt >= this.options.maxAttempts && !isStorageFailure(error)) {
          await this.untilStored(() => this.deadLetter(event, error));
          return;
        }
        await delay(this.options.backoffMs * 2 ** Math.min(attempt - 1, 6));
      }
    }
  }

  /** Everything one feed event calls for. Exposed for tests and the benchmark. */
  async handle(event: StoredEvent): Promise<number> {
    if (event.streamId.startsWith(TICKET_STREAM_PREFIX) && TICKET_TRIGGERS.has(event.type)) return this.ticketEvent(event);
    if (event.streamId.startsWith(MAIL_STREAM_PREFIX) && event.type === 'MailBounced') return this.bounce(event);
    if (event.streamId.startsWith(VERIFICATION_STREAM_PREFIX) && event.type === 'EmailVerificationRequested') {
      const result = await this.runner.request(verificationNotification(event, event.data as unknown as VerificationRequestedFacts), this.envelope(event));
      return result.recorded ? 1 : 0;
    }
    return 0;
  }

  private async ticketEvent(event: StoredEvent): Promise<number> {
    // Most comments are internal notes or the customer's own: no need to read the ticket for them.
    if (event.type === 'CommentAdded' && (event.data.visibility !== 'public' || event.data.author !== 'agent')) return 0;
    // Nor for most rule firings: only one that did its work and asked for notices sends any.
    if (event.type === 'RuleFired' && (event.data.outcome !== 'applied' || !Array.isArray(event.data.notify) || event.data.notify.length === 0)) return 0;
    const facts = await this.facts.forTicketEvent(event);
    if (!facts) return 0;
    const trigger: TriggeringEvent = {
      id: event.id,
      type: event.type,
      data: event.data,
      actor: (event.metadata.actor as Actor | undefined) ?? { id: 'unknown', role: 'system' },
      occurredAt: (event.metadata.occurredAt as string | undefined) ?? event.recordedAt.toISOString(),
    };
    let recorded = 0;
    for (const request of notificationsFor(trigger, facts)) {
      const result = await this.runner.request(request, this.envelope(event));
      if (result.recorded) recorded++;
    }
    return recorded;
  }

  private async bounce(event: StoredEvent): Promise<number> {
    const data = event.data as Partial<MailBouncedData>;
    const mailId = String(data.mailId ?? event.streamId.slice(MAIL_STREAM_PREFIX.length));
    let recorded = 0;
    for (const notificationId of new Set(Array.isArray(data.notificationIds) ? data.notificationIds.map(String) : [])) {
      try {
        const result = await this.runner.execute(
          notificationId,
          { type: 'RecordBounce', data: { mailId, status: data.status ?? null, diagnostic: data.diagnostic ?? null, recipient: data.recipient ?? null } },
          this.envelope(event),
        );
        recorded += result.appended.length;
      } catch (error) {
        // A bounce naming a notification we have no record of changes nothing.
        if (!(error instanceof NotificationError && error.code === 'notification_not_found')) throw error;
      }
    }
    return recorded;
  }

  private envelope(event: StoredEvent) {
    return { actor: OUTBOX_ACTOR, correlationId: String(event.metadata.correlationId ?? event.id), causationId: event.id };
  }

  private async deadLetter(event: StoredEvent, error: unknown): Promise<void> {
    await this.readStore.collection(DEAD_LETTER_COLLECTION).replaceOne(
      { _id: `notification-outbox:${padPosition(event.position)}` },
      {
        _id: `notification-outbox:${padPosition(event.position)}`,
        projection: 'notification-outbox',
        generation: 1,
        position: event.position.toString(),
        eventId: event.id,
        streamId: event.streamId,
        type: event.type,
        error: error instanceof Error ? error.message : String(error),
        attempts: this.options.maxAttempts,
        failedAt: new Date().toISOString(),
      },
      { upsert: true },
    );
  }

  private async untilStored(work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopped) throw error;
        this.options.onInfo?.(`notification outbox cannot write its checkpoint: ${(error as Error).message}`);
        await delay(this.options.backoffMs * 2 ** Math.min(attempt, 6));
      }
    }
  }
}

const isStorageFailure = (error: unknown) => ['EventStoreUnavailableError', 'ReadStoreUnavailableError'].includes((error as Error)?.name);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
