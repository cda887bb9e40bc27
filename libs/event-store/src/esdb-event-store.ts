import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from './event-store.errors';
import { EventStore, EventSubscription, ReadStreamOptions } from './event-store.port';
import { CurrentRevision, ExpectedRevision } from './expected-revision';
import { Position, START } from './position';
import { AppendResult, EventToAppend, StoredEvent } from './stored-event';
import { translateError } from './esdb/esdb-errors';
import { isSystemEvent, toEventData, toStoredEvent } from './esdb/esdb-events';
import { comparePositions, toEsdbPosition, toPosition } from './esdb/esdb-position';
import { DEFAULT_RECONNECT, EsdbSubscription, ReconnectPolicy, unrepresentable } from './esdb/esdb-subscription';

/** The part of the EventStoreDB client this adapter uses (tests substitute a fake). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EsdbEventStoreOptions {
  /** How live subscriptions reconnect after a transient disconnect. */
  reconnect?: Partial<ReconnectPolicy>;
  /**
   * Refuse event ids the stream already holds (default true). EventStoreDB itself does not:
   * it accepts a known id at the stream's current revision as a new event. The check reads the
   * stream up to the expected revision before appending, which makes it exact for numeric and
   * 'no_stream' expectations (the append only succeeds if those events are still the stream's
   * head) and best effort for 'any' / 'stream_exists'. It cannot see ids held by other streams.
   */
  checkDuplicateIds?: boolean;
}

/** $all pages: enough to skip the inclusive start and a run of system events in one round trip. */
const MIN_PAGE = 64;
const MAX_PAGE = 1024;
const HEAD_PAGE = 32;
const DEFAULT_MAX_BATCH = 500;

/**
 * The production event store: EventStoreDB / KurrentDB over gRPC.
 *
 * Positions are $all commit positions (see esdb/esdb-position.ts for why that is exact).
 * Events read with readStream carry their real position on servers 22.6 and later; older servers
 * send none, and those events carry START (-1n) instead. The $all feed (readAll, headPosition,
 * subscribe) holds user events only: system events and $-streams are left out. On a shared
 * server it also holds other applications' events; consumers must ignore types they do not know.
 */
export class EsdbEventStore implements EventStore {
  private readonly reconnect: ReconnectPolicy;
  private readonly checkDuplicateIds: boolean;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.checkDuplicateIds = options.checkDuplicateIds ?? true;
  }

  /**
   * Connects lazily: nothing goes over the wire until the first call. Accepts the KurrentDB
   * spellings (kurrentdb://, kdb://, with +discover) too; client 6 only parses esdb://.
   */
  static connect(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    const esdb = connectionString.replace(/^(kurrentdb|kdb)(\+discover)?:\/\//i, (_, _scheme, discover = '') => `esdb${discover}://`);
    return new EsdbEventStore(EventStoreDBClient.connectionString(esdb), options);
  }

  async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    this.ensureOpen();
    if (events.length === 0) throw new Error('append needs at least one event');
    if (typeof expectedRevision === 'number' && !(Number.isSafeInteger(expectedRevision) && expectedRevision >= 0)) {
      throw new RangeError(`expectedRevision must be a non-negative integer, got ${expectedRevision}`);
    }
    const ids = new Set(events.map((event) => event.id));
    if (ids.size !== events.length) throw new DuplicateEventIdError(streamId);
    if (this.checkDuplicateIds && expectedRevision !== 'no_stream') await this.refuseKnownIds(streamId, ids, expectedRevision);

    let result;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision: toEsdbExpected(expectedRevision) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, toCurrentRevision(error.actualVersion));
      }
      throw translateError(
        `Could not append to ${streamId} (it may or may not have been written; retrying with the same event ids and expected revision is safe)`,
        error,
      );
    }
    // An append reports the position of its last event. A server that answers a retried
    // (idempotent) append without one leaves us to look the last event up.
    const position = toPosition(result.position) ?? (await this.lastPositionOf(streamId));
    return { nextRevision: Number(result.nextExpectedRevision), position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.ensureOpen();
    const backwards = options.direction === 'backwards';
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (maxCount <= 0) return [];
    let fromRevision: bigint | typeof ESDB_START | typeof END = backwards ? END : ESDB_START;
    if (options.fromRevision !== undefined) {
      if (options.fromRevision < 0) {
        if (backwards) return [];
      } else {
        fromRevision = BigInt(options.fromRevision);
      }
    }
    const events: StoredEvent[] = [];
    try {
      const read = this.client.readStream(streamId, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount, resolveLinkTos: false });
      for await (const resolved of read) {
        if (resolved.event) events.push(toStoredEvent(resolved.event, toPosition(resolved.event.position) ?? START));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateError(`Could not read ${streamId}`, error);
    }
    return events;
  }

  async readAll(after: Position, maxCount: number): Promise<StoredEvent[]> {
    this.ensureOpen();
    if (maxCount <= 0) return [];
    const pageSize = Math.min(Math.max(maxCount + 1, MIN_PAGE), MAX_PAGE);
    // Forward reads include the event at fromPosition: remember where we are and skip up to it.
    let cursor: EsdbPosition | undefined = after >= 0n ? toEsdbPosition(after) : undefined;
    const events: StoredEvent[] = [];
    for (;;) {
      const page = await this.readAllPage(cursor ?? ESDB_START, FORWARDS, pageSize);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event) continue;
        if (cursor && comparePositions(event.position, cursor) <= 0) continue;
        cursor = event.position;
        if (isSystemEvent(event)) continue;
        const position = toPosition(event.position);
        if (position === undefined) throw unrepresentable(event, event.position);
        events.push(toStoredEvent(event, position));
        if (events.length >= maxCount) return events;
      }
      if (page.length < pageSize) return events;
    }
  }

  async headPosition(): Promise<Position> {
    this.ensureOpen();
    // Backward reads exclude the event at fromPosition, so each page starts where the last ended.
    let cursor: EsdbPosition | typeof END = END;
    for (;;) {
      const page = await this.readAllPage(cursor, BACKWARDS, HEAD_PAGE);
      for (const resolved of page) {
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        const position = toPosition(event.position);
        if (position === undefined) throw unrepresentable(event, event.position);
        return position;
      }
      const last = page[page.length - 1]?.event?.position;
      if (page.length < HEAD_PAGE || !last) return START;
      cursor = last;
    }
  }

  subscribe(after: Position, options: { maxBatch?: number } = {}): EventSubscription {
    this.ensureOpen();
    const subscription = new EsdbSubscription(
      (subscribeOptions) => this.client.subscribeToAll(subscribeOptions),
      after,
      options.maxBatch ?? DEFAULT_MAX_BATCH,
      this.reconnect,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async readAllPage(
    fromPosition: EsdbPosition | typeof ESDB_START | typeof END,
    direction: typeof FORWARDS | typeof BACKWARDS,
    maxCount: number,
  ): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount, resolveLinkTos: false })) page.push(resolved);
    } catch (error) {
      throw translateError('Could not read $all', error);
    }
    return page;
  }

  /** Throws DuplicateEventIdError when the stream (up to the expected revision) holds one of `ids`. */
  private async refuseKnownIds(streamId: string, ids: Set<string>, expected: ExpectedRevision): Promise<void> {
    const upTo = typeof expected === 'number' ? expected : Number.MAX_SAFE_INTEGER;
    let known = false;
    try {
      // Read to the end of the (bounded) range rather than break out: an abandoned read would
      // leave its gRPC call open.
      const read = this.client.readStream(streamId, { direction: FORWARDS, fromRevision: ESDB_START, maxCount: upTo + 1, resolveLinkTos: false });
      for await (const resolved of read) {
        const event = resolved.event;
        if (event && Number(event.revision) <= upTo && ids.has(event.id)) known = true;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw translateError(`Could not append to ${streamId}`, error);
    }
    if (known) throw new DuplicateEventIdError(streamId);
  }

  private async lastPositionOf(streamId: string): Promise<Position> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return last?.position ?? START;
  }

  private ensureOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The event store is closed');
  }
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

function toCurrentRevision(actual: bigint | typeof NO_STREAM): CurrentRevision {
  return typeof actual === 'bigint' && actual >= 0n ? Number(actual) : 'no_stream';
}
