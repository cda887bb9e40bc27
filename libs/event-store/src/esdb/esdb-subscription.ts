import {
  START as ESDB_START,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position as EsdbPosition,
  type RecordedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';
import { EventSubscription } from '../event-store.port';
import { Position } from '../position';
import { StoredEvent } from '../stored-event';
import { isTransient, translateError } from './esdb-errors';
import { isSystemEvent, toStoredEvent } from './esdb-events';
import { comparePositions, toEsdbPosition, toPosition } from './esdb-position';

/** How a subscription comes back after the connection drops. */
export interface ReconnectPolicy {
  /** Delay before the first retry; doubles on each further failure (with jitter). */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed attempts before the iterator throws EventStoreUnavailableError. */
  maxAttempts: number;
  /** Called before each retry (for logs and metrics). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialDelayMs: 200, maxDelayMs: 10_000, maxAttempts: Number.POSITIVE_INFINITY };

type Subscribe = EventStoreDBClient['subscribeToAll'];

/**
 * A catch-up-then-live subscription to $all (user events only), consumed as batches.
 *
 * Events arrive one by one from the server and are buffered; each `next()` takes whatever is
 * buffered, up to `maxBatch`. When the buffer passes a high-water mark the gRPC stream is paused,
 * so a slow consumer holds the server back instead of filling memory. When the connection drops
 * with a transient error (or the server ends the stream) it resubscribes after an exponential
 * backoff from the last event it received, skipping anything at or before it: no gaps, no repeats.
 * Other errors are thrown from the iterator once the events received before them are consumed.
 */
export class EsdbSubscription implements EventSubscription {
  private readonly buffer: StoredEvent[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly highWater: number;
  /** The last event received (user or not): where a reconnection resumes. */
  private last: EsdbPosition | undefined;
  private current: AllStreamSubscription | undefined;
  /** Bumped on every (re)connection and on close: events from older streams are ignored. */
  private generation = 0;
  private failures = 0;
  private paused = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private notifyScheduled = false;
  private failure: Error | undefined;
  private closed = false;

  constructor(
    private readonly subscribeToAll: Subscribe,
    after: Position,
    private readonly maxBatch: number,
    private readonly policy: ReconnectPolicy,
    private readonly onClosed: (subscription: EsdbSubscription) => void,
  ) {
    if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
    this.highWater = Math.max(maxBatch * 4, 256);
    this.last = after >= 0n ? toEsdbPosition(after) : undefined;
    this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent[]> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return { value: undefined, done: true };
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    this.buffer.length = 0;
    const subscription = this.current;
    this.current = undefined;
    this.wakeAll();
    this.onClosed(this);
    await subscription?.unsubscribe().catch(() => undefined);
  }

  private async next(): Promise<IteratorResult<StoredEvent[]>> {
    for (;;) {
      if (this.buffer.length > 0) {
        const batch = this.buffer.splice(0, this.maxBatch);
        this.resumeIfDrained();
        return { value: batch, done: false };
      }
      if (this.failure) {
        const failure = this.failure;
        await this.close();
        this.failure = undefined;
        throw failure;
      }
      if (this.closed) return { value: undefined, done: true };
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private connect(): void {
    if (this.closed) return;
    const generation = ++this.generation;
    let subscription: AllStreamSubscription;
    try {
      subscription = this.subscribeToAll({
        fromPosition: this.last ?? ESDB_START,
        filter: excludeSystemEvents(),
        resolveLinkTos: false,
      });
    } catch (error) {
      this.dropped(generation, error);
      return;
    }
    this.current = subscription;
    this.paused = false;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.received(generation, resolved));
    subscription.on('confirmation', () => {
      if (generation === this.generation) this.failures = 0;
    });
    subscription.on('error', (error: Error) => this.dropped(generation, error));
    subscription.on('end', () => this.dropped(generation, undefined));
    subscription.on('close', () => this.dropped(generation, undefined));
  }

  private received(generation: number, resolved: AllStreamResolvedEvent): void {
    if (generation !== this.generation || this.closed) return;
    this.failures = 0;
    const event = resolved.event as (RecordedEvent & { position?: EsdbPosition }) | undefined;
    if (!event) return;
    const raw = event.position;
    if (!raw) return this.fail(new Error(`EventStoreDB sent event ${event.id} from $all without a position`));
    if (this.last && comparePositions(raw, this.last) <= 0) return; // already delivered (resume overlap)
    this.last = raw;
    if (isSystemEvent(event)) return;
    const position = toPosition(raw);
    if (position === undefined) return this.fail(unrepresentable(event, raw));
    this.buffer.push(toStoredEvent(event, position));
    if (this.buffer.length >= this.highWater && !this.paused) {
      this.paused = true;
      this.current?.pause();
    }
    this.scheduleNotify();
  }

  private dropped(generation: number, error: unknown): void {
    if (generation !== this.generation || this.closed || this.failure) return;
    this.generation++; // ignore anything more from the dropped stream
    const subscription = this.current;
    this.current = undefined;
    subscription?.unsubscribe().catch(() => undefined);
    if (error !== undefined && !isTransient(error)) return this.fail(translateError('Subscription to $all failed', error));
    this.failures++;
    if (this.failures > this.policy.maxAttempts) {
      return this.fail(
        new EventStoreUnavailableError(`Subscription to $all lost; gave up after ${this.policy.maxAttempts} reconnection attempts`, error),
      );
    }
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.initialDelayMs * 2 ** Math.min(this.failures - 1, 30));
    const delayMs = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.policy.onRetry?.(error ?? new Error('the server ended the subscription'), this.failures, delayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delayMs);
  }

  private fail(error: Error): void {
    if (this.closed || this.failure) return;
    this.failure = error;
    this.generation++;
    clearTimeout(this.retryTimer);
    const subscription = this.current;
    this.current = undefined;
    subscription?.unsubscribe().catch(() => undefined);
    this.wakeAll();
  }

  private resumeIfDrained(): void {
    if (this.paused && this.buffer.length < this.highWater / 2) {
      this.paused = false;
      this.current?.resume();
    }
  }

  /** Wakes the consumer on the next turn, so events already in the pipe join the same batch. */
  private scheduleNotify(): void {
    if (this.notifyScheduled || this.waiters.length === 0) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      this.wakeAll();
    });
  }

  private wakeAll(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

export function unrepresentable(event: RecordedEvent, raw: EsdbPosition | undefined): Error {
  const where = raw ? `commit ${raw.commit}, prepare ${raw.prepare}` : 'no position';
  return new Error(
    `Event ${event.id} in ${event.streamId} has no single global position (${where}); ` +
      'it was probably written in an explicit (TCP API) transaction, which this store cannot represent',
  );
}
