import { AppendResult, EventToAppend, StoredEvent } from './stored-event';
import { ExpectedRevision } from './expected-revision';
import { Position } from './position';

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Forwards defaults to 0, backwards to the end. */
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

/**
 * A live feed of the global log: first everything after `from` (catch-up), then new events as
 * they are committed. Yields batches in global order; never skips, never reorders.
 */
export interface EventSubscription extends AsyncIterable<StoredEvent[]> {
  close(): Promise<void>;
}

/**
 * The write side's only source of truth. Adapters: embedded SQLite (default) and EventStoreDB.
 * Every adapter passes test/contract/event-store.contract.ts.
 */
export interface EventStore {
  /**
   * Appends atomically: all events or none. Throws WrongExpectedRevisionError when the stream
   * is not at `expectedRevision`.
   */
  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult>;

  /** The stream's events in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** Up to `maxCount` events strictly after `after`, in global commit order (user events only). */
  readAll(after: Position, maxCount: number): Promise<StoredEvent[]>;

  /** Position of the last committed event, or START when the store is empty. */
  headPosition(): Promise<Position>;

  /** Catch-up subscription to the global feed after `after`, then live. */
  subscribe(after: Position, options?: { maxBatch?: number }): EventSubscription;

  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
