import { randomUUID } from 'node:crypto';
import { waitUntil } from '../support/wait';
import { PassThrough, Readable } from 'node:stream';
import {
  AccessDeniedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendToStreamOptions,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  EventToAppend,
  START,
  StoredEvent,
  WrongExpectedRevisionError,
} from '@helpdesk/event-store';
// Not (yet) re-exported from the package index, which is not this adapter's file to edit.
import { EsdbClient, EsdbEventStore } from '../../libs/event-store/src/esdb-event-store';
import { eventStoreContract } from './event-store.contract';

/*
 * Against a live server: the shared contract. Stream ids are random per test, so runs never
 * collide on streams; the $all feed of a shared server does hold other writers' events, which
 * the contract filters out by stream id. Two contract assertions can still flake if someone else
 * writes to the same server during the run: `headPosition()` equal to our last append, and the
 * 100-event `readAll` window. Use a dedicated server (docker/compose.yaml) for a clean run.
 */
const url = process.env.EVENT_STORE_URL;
if (url) {
  eventStoreContract('EventStoreDB', async () => ({ store: EsdbEventStore.connect(url) }));
} else {
  console.warn('EventStoreDB contract skipped: EVENT_STORE_URL not set');
  describe.skip('EventStore contract: EventStoreDB (EVENT_STORE_URL not set)', () => {
    it('runs against a live server when EVENT_STORE_URL is set', () => undefined);
  });
}

/*
 * Without a server: the adapter's own logic against a fake client that follows the server's
 * documented semantics ($all forward reads include their start, backward reads exclude it;
 * every event's commit position equals its prepare position).
 */
describe('EsdbEventStore adapter logic (fake client)', () => {
  const event = (type = 'Something'): EventToAppend => ({ id: randomUUID(), type, data: { type }, metadata: { n: 1 } });
  const types = (events: StoredEvent[]) => events.map((e) => e.type);
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const until = (condition: () => boolean) => waitUntil('the fake server to reach the state', condition, { intervalMs: 5 });

  it('pages readAll after a position, skipping the inclusive start and system events', async () => {
    const fake = new FakeEsdb();
    fake.write('$settings', '$metadata');
    const [a1, a2] = [fake.write('a', 'A1'), fake.write('a', 'A2')];
    for (let i = 0; i < 100; i++) fake.write('$stats-1', 'StatsCollected'); // a user type in a system stream
    fake.write('b', '$>'); // a link event
    const b1 = fake.write('b', 'B1');
    const store = fake.store();

    expect(types(await store.readAll(START, 10))).toEqual(['A1', 'A2', 'B1']);
    expect(types(await store.readAll(a1, 10))).toEqual(['A2', 'B1']);
    expect(types(await store.readAll(a1, 1))).toEqual(['A2']);
    expect(await store.readAll(b1, 10)).toEqual([]);
    expect((await store.readAll(a2, 10)).map((e) => e.position)).toEqual([b1]);
    expect(await store.headPosition()).toBe(b1);
  });

  it('reports START as head of a log with only system events', async () => {
    const fake = new FakeEsdb();
    for (let i = 0; i < 70; i++) fake.write('$settings', '$metadata');
    expect(await fake.store().headPosition()).toBe(START);
  });

  it('maps reads: missing streams, directions, revisions and positions', async () => {
    const fake = new FakeEsdb();
    const store = fake.store();
    expect(await store.readStream('missing')).toEqual([]);
    for (const t of ['A', 'B', 'C']) fake.write('s', t);
    const read = await store.readStream('s', { direction: 'backwards', fromRevision: 1 });
    expect(read.map((e) => [e.type, e.revision])).toEqual([['B', 1], ['A', 0]]);
    expect(typeof read[0].position).toBe('bigint');
    expect(read[0].recordedAt).toBeInstanceOf(Date);
    fake.streamReadsWithoutPosition = true; // servers before 22.6
    expect((await store.readStream('s', { maxCount: 1 }))[0].position).toBe(START);
  });

  it('maps expected revisions and wrong-expected-version errors', async () => {
    const fake = new FakeEsdb();
    const store = fake.store();
    await store.append('s', [event()], 'no_stream');
    await store.append('s', [event()], 0);
    await store.append('s', [event()], 'stream_exists');
    const result = await store.append('s', [event(), event()], 'any');
    expect(fake.expectations).toEqual(['no_stream', 0n, 'stream_exists', 'any']);
    expect(result.nextRevision).toBe(4);
    expect(result.position).toBe((await store.readStream('s'))[4].position);

    const stale = await store.append('s', [event()], 1).catch((e) => e);
    expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
    expect([stale.expected, stale.actual]).toEqual([1, 4]);
    const missing = await store.append('t', [event()], 2).catch((e) => e);
    expect(missing.actual).toBe('no_stream');
  });

  it('refuses ids the stream already holds, and repeated ids in one append', async () => {
    const fake = new FakeEsdb();
    const store = fake.store();
    const first = event();
    await store.append('s', [first], 'no_stream');
    await expect(store.append('s', [event(), { ...first }], 0)).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append('s', [{ ...first }], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
    const twice = event();
    await expect(store.append('u', [twice, twice], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(fake.appends).toBe(1);
  });

  it('turns connection failures and refusals into EventStoreUnavailableError', async () => {
    const fake = new FakeEsdb();
    fake.failNext = new UnavailableError(undefined, 'connection refused');
    await expect(fake.store().append('s', [event()], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    fake.failNext = new AccessDeniedError(undefined, 'access denied');
    await expect(fake.store().readAll(START, 1)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('subscribes: catches up after a position, batches what is buffered, then closes', async () => {
    const fake = new FakeEsdb();
    const a0 = fake.write('a', 'A0');
    const store = fake.store();
    const subscription = store.subscribe(a0, { maxBatch: 2 });
    const sub = fake.subscriptions[0];
    expect(sub.options.fromPosition).toEqual({ commit: a0, prepare: a0 });
    expect(sub.options.filter).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });

    const batches: string[][] = [];
    const consuming = (async () => {
      for await (const batch of subscription) batches.push(types(batch));
    })();
    sub.replay(fake.log); // the server may resend the start event: it is skipped
    fake.write('$x', 'Internal');
    for (const t of ['B', 'C', 'D']) sub.send(fake.log, fake.write('a', t));
    await until(() => batches.flat().length === 3);
    expect(batches).toEqual([['B', 'C'], ['D']]);
    await subscription.close();
    await consuming;
    expect(sub.unsubscribed).toBe(true);
  });

  it('reconnects with backoff from the last event after a transient drop, without repeats', async () => {
    const fake = new FakeEsdb();
    const retries: number[] = [];
    const store = fake.store({ reconnect: { initialDelayMs: 5, maxDelayMs: 20, onRetry: (_e, attempt) => retries.push(attempt) } });
    const subscription = store.subscribe(START);
    const received: string[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) received.push(...types(batch));
    })();
    const b = fake.write('a', 'B');
    fake.subscriptions[0].send(fake.log, b);
    await until(() => received.length === 1);
    fake.subscriptions[0].destroy(new UnavailableError(undefined, 'server went away'));
    await until(() => fake.subscriptions.length === 2);
    fake.subscriptions[1].destroy(new UnavailableError(undefined, 'still away'));
    await until(() => fake.subscriptions.length === 3);
    const resumed = fake.subscriptions[2];
    expect(resumed.options.fromPosition).toEqual({ commit: b, prepare: b });
    resumed.replay(fake.log);
    resumed.send(fake.log, fake.write('a', 'C'));
    await until(() => received.length === 2);
    expect(received).toEqual(['B', 'C']);
    expect(retries).toEqual([1, 2]);
    await subscription.close();
    await consuming;
  });

  it('surfaces a non-transient error to the iterator after the events received before it', async () => {
    const fake = new FakeEsdb();
    const subscription = fake.store().subscribe(START);
    const iterator = subscription[Symbol.asyncIterator]();
    fake.subscriptions[0].send(fake.log, fake.write('a', 'A'));
    await tick();
    fake.subscriptions[0].destroy(new AccessDeniedError(undefined, 'no'));
    expect(types((await iterator.next()).value)).toEqual(['A']);
    await expect(iterator.next()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('ends iteration when the consumer breaks, and closes open subscriptions with the store', async () => {
    const fake = new FakeEsdb();
    const store = fake.store();
    const first = store.subscribe(START);
    fake.subscriptions[0].send(fake.log, fake.write('a', 'A'));
    for await (const batch of first) {
      expect(types(batch)).toEqual(['A']);
      break;
    }
    expect(fake.subscriptions[0].unsubscribed).toBe(true);
    store.subscribe(START);
    await store.close();
    expect(fake.subscriptions[1].unsubscribed).toBe(true);
    expect(fake.disposed).toBe(true);
    expect(() => store.subscribe(START)).toThrow(EventStoreUnavailableError);
  });

  it('reports an unreachable server as EventStoreUnavailableError (real client)', async () => {
    const store = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false&defaultDeadline=3000');
    try {
      await expect(store.append(`s-${randomUUID()}`, [event()], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});

interface FakeRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  isJson: true;
  position: { commit: bigint; prepare: bigint };
}

/** A subscription stream the test drives by hand. */
class FakeSubscription extends PassThrough {
  unsubscribed = false;
  constructor(readonly options: SubscribeToAllOptions) {
    super({ objectMode: true });
  }
  /** Delivers the event at `position`, as the server does for a new append. */
  send(log: FakeRecorded[], position: bigint): void {
    this.push({ event: log.find((e) => e.position.commit === position) });
  }
  /** Delivers every event of `log` at or after the subscription's start (server overlap). */
  replay(log: FakeRecorded[]): void {
    const from = this.options.fromPosition;
    for (const event of log) {
      if (from === 'start' || (typeof from === 'object' && event.position.commit >= from.commit)) this.push({ event });
    }
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

/** An in-memory stand-in for EventStoreDBClient with the server's read semantics. */
class FakeEsdb {
  readonly log: FakeRecorded[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly expectations: unknown[] = [];
  appends = 0;
  disposed = false;
  failNext: Error | undefined;
  streamReadsWithoutPosition = false;
  private nextPosition = 100n;

  store(options?: ConstructorParameters<typeof EsdbEventStore>[1]): EsdbEventStore {
    return new EsdbEventStore(this as unknown as EsdbClient, options);
  }

  /** Appends one event to the log and returns its position (subscriptions get it via send()). */
  write(streamId: string, type: string, id: string = randomUUID()): bigint {
    const revision = BigInt(this.log.filter((e) => e.streamId === streamId).length);
    const position = this.nextPosition;
    this.nextPosition += 137n;
    const recorded: FakeRecorded = { streamId, id, revision, type, created: new Date(), data: { type }, metadata: {}, isJson: true, position: { commit: position, prepare: position } };
    this.log.push(recorded);
    return position;
  }

  async appendToStream(streamId: string, events: EventData[], options: AppendToStreamOptions) {
    this.takeFailure();
    const expected = options.expectedRevision;
    this.expectations.push(expected);
    const stream = this.log.filter((e) => e.streamId === streamId);
    const current = stream.length ? BigInt(stream.length - 1) : ('no_stream' as const);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected: expected!, current });
    this.appends++;
    let position = 0n;
    for (const e of events) position = this.write(streamId, e.type, e.id);
    return { success: true, nextExpectedRevision: BigInt(stream.length + events.length - 1), position: { commit: position, prepare: position } };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}) {
    const failure = this.takeFailure(false);
    let events = this.log.filter((e) => e.streamId === streamId);
    if (failure) return failing(failure);
    if (events.length === 0) return failing(new StreamNotFoundError(undefined, streamId));
    const from = options.fromRevision ?? (options.direction === 'backwards' ? 'end' : 'start');
    if (options.direction === 'backwards') {
      events = events.filter((e) => from === 'end' || from === 'start' || e.revision <= from).reverse();
    } else {
      events = events.filter((e) => from === 'start' || from === 'end' || e.revision >= from);
    }
    const mapped = events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)).map((e) =>
      this.streamReadsWithoutPosition ? { ...e, position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } } : e,
    );
    return Readable.from(mapped.map((event) => ({ event })));
  }

  readAll(options: ReadAllOptions = {}) {
    const failure = this.takeFailure(false);
    if (failure) return failing(failure);
    const from = options.fromPosition ?? 'start';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const events =
      options.direction === 'backwards'
        ? this.log.filter((e) => from === 'end' || from === 'start' || e.position.commit < from.commit).reverse()
        : this.log.filter((e) => from === 'start' || (from !== 'end' && e.position.commit >= from.commit));
    return Readable.from(events.slice(0, max).map((event) => ({ event })));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}) {
    const subscription = new FakeSubscription(options);
    this.subscriptions.push(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private takeFailure(throwIt = true): Error | undefined {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure && throwIt) throw failure;
    return failure;
  }
}

function failing(error: Error): Readable {
  return new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
}
