import { randomUUID } from 'node:crypto';
import { waitUntil } from '../support/wait';
import {
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  START,
  StoredEvent,
  WrongExpectedRevisionError,
} from '@helpdesk/event-store';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup?: () => Promise<void>;
}

const event = (type = 'Something', data: Record<string, unknown> = {}): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: { correlationId: 'c', actor: { id: 'a', role: 'agent' } },
});

/** The shared contract every EventStore adapter must pass. */
export function eventStoreContract(name: string, make: () => Promise<EventStoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;
    const stream = () => `contract-${randomUUID()}`;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.cleanup?.();
    });

    describe('append', () => {
      it('creates a stream with no_stream and returns revision 0 and a position', async () => {
        const s = stream();
        const result = await store.append(s, [event()], 'no_stream');
        expect(result.nextRevision).toBe(0);
        expect(typeof result.position).toBe('bigint');
        expect(result.position).toBeGreaterThan(START);
      });

      it('decides appends requested together one by one: a conflict refuses only its own append', async () => {
        const [a, b] = [stream(), stream()];
        const outcomes = await Promise.allSettled([
          store.append(a, [event('A-first')], 'no_stream'),
          store.append(a, [event('A-second')], 'no_stream'),
          store.append(b, [event('B1'), event('B2')], 'no_stream'),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
        expect(outcomes[2].status).toBe('fulfilled');
        const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(a)).toHaveLength(1);
        expect((await store.readStream(b)).map((e) => e.type)).toEqual(['B1', 'B2']);
      });

      it('appends several events atomically with consecutive revisions', async () => {
        const s = stream();
        const result = await store.append(s, [event('A'), event('B'), event('C')], 'no_stream');
        expect(result.nextRevision).toBe(2);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
        expect(read[2].position).toBe(result.position);
      });

      it('honours an exact expected revision', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const result = await store.append(s, [event()], 0);
        expect(result.nextRevision).toBe(1);
      });

      it('refuses a stale expected revision, reporting the actual one, and writes nothing', async () => {
        const s = stream();
        await store.append(s, [event(), event()], 'no_stream');
        const error = await store.append(s, [event()], 0).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error.actual).toBe(1);
        expect(error.expected).toBe(0);
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('refuses no_stream on an existing stream and a revision on a missing one', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        await expect(store.append(s, [event()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        const missing = await store.append(stream(), [event()], 3).catch((e) => e);
        expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
        expect(missing.actual).toBe('no_stream');
      });

      it('supports stream_exists and any', async () => {
        const s = stream();
        await expect(store.append(s, [event()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.append(s, [event()], 'any');
        await store.append(s, [event()], 'stream_exists');
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('lets exactly one of many concurrent writers with the same expectation win', async () => {
        const s = stream();
        await store.append(s, [event()], 'no_stream');
        const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.append(s, [event()], 0)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) {
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        const read = await store.readStream(s);
        expect(read.map((e) => e.revision)).toEqual([0, 1]);
      });

      it('refuses an event id it already holds, writing nothing of that append', async () => {
        const s = stream();
        const first = event();
        await store.append(s, [first], 'no_stream');
        await expect(store.append(s, [event(), { ...first }], 0)).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('keeps data, metadata and unicode intact', async () => {
        const s = stream();
        const data = { subject: 'لاگ ان نہیں ہو رہا 🔥', nested: { list: [1, 'two', null] }, big: '12345678901234567890' };
        await store.append(s, [{ ...event('Urdu', data), metadata: { actor: { id: 'x', role: 'customer' }, n: 1 } }], 'no_stream');
        const [read] = await store.readStream(s);
        expect(read.data).toEqual(data);
        // A decorating store may add fields (the hash chain does); it never changes the caller's.
        expect(read.metadata).toMatchObject({ actor: { id: 'x', role: 'customer' }, n: 1 });
        expect(read.streamId).toBe(s);
        expect(read.recordedAt).toBeInstanceOf(Date);
      });
    });

    describe('readStream', () => {
      it('returns [] for a missing stream', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads forwards from a revision, backwards, and with a max count', async () => {
        const s = stream();
        await store.append(s, ['A', 'B', 'C', 'D'].map((t) => event(t)), 'no_stream');
        expect((await store.readStream(s, { fromRevision: 2 })).map((e) => e.type)).toEqual(['C', 'D']);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 1 })).map((e) => e.type)).toEqual(['D']);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 1 })).map((e) => e.type)).toEqual(['B', 'A']);
        expect((await store.readStream(s, { maxCount: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      });
    });

    describe('global feed', () => {
      it('reads all events in commit order with strictly increasing positions', async () => {
        const before = await store.headPosition();
        const a = stream();
        const b = stream();
        await store.append(a, [event('A1')], 'no_stream');
        await store.append(b, [event('B1'), event('B2')], 'no_stream');
        await store.append(a, [event('A2')], 0);
        const all = (await store.readAll(before, 100)).filter((e) => e.streamId === a || e.streamId === b);
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
      });

      it('pages with readAll(after, max) without gaps or repeats', async () => {
        const before = await store.headPosition();
        const s = stream();
        await store.append(s, Array.from({ length: 25 }, (_, i) => event(`E${i}`)), 'no_stream');
        const seen: StoredEvent[] = [];
        let after = before;
        for (;;) {
          const page = await store.readAll(after, 7);
          if (page.length === 0) break;
          seen.push(...page);
          after = page[page.length - 1].position;
        }
        expect(seen.filter((e) => e.streamId === s).map((e) => e.type)).toEqual(Array.from({ length: 25 }, (_, i) => `E${i}`));
      });

      it('subscribes: catches up, then delivers live appends in order, then closes', async () => {
        const before = await store.headPosition();
        const s = stream();
        await store.append(s, [event('Old1'), event('Old2')], 'no_stream');
        const subscription = store.subscribe(before, { maxBatch: 10 });
        const received: string[] = [];
        const done = (async () => {
          for await (const batch of subscription) {
            for (const e of batch) if (e.streamId === s) received.push(e.type);
            if (received.length >= 4) break;
          }
        })();
        // Caught up first, so the next appends arrive live.
        await waitUntil('the subscription to catch up', () => received.length >= 2);
        await store.append(s, [event('New1')], 1);
        await store.append(s, [event('New2')], 2);
        await done;
        await subscription.close();
        expect(received).toEqual(['Old1', 'Old2', 'New1', 'New2']);
      });

      it('positions survive a JSON round trip as decimal strings', async () => {
        const { position } = await store.append(stream(), [event()], 'no_stream');
        expect(BigInt(JSON.parse(JSON.stringify({ p: position.toString() })).p)).toBe(position);
      });
    });
  });
}
