import { randomUUID } from 'node:crypto';
import { EventToAppend, SqliteEventStore, StoredEvent } from '@helpdesk/event-store';
import { Doc, ReadStore, SqliteReadStore, withoutTransactions } from '@helpdesk/read-store';
import { ProjectionEngine } from './projection-engine';
import { Projection } from './projection';
import { GuardedBatch } from './guarded-batch';
import { padPosition } from './padded-position';
import { physicalName, ProjectionRegistry, REGISTRY_COLLECTION } from './projection-registry';
import { ProjectionUnitOfWork } from './unit-of-work';

/** How long a test lets the engine take to reach a position: generous, as a busy machine is slow. */
const REACH_MS = 60_000;

const event = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({ id: randomUUID(), type, data, metadata: {} });

/** Counts events per stream; fails on any event whose data says so. */
function counter(version = 1, name = 'counts'): Projection {
  return {
    name,
    version,
    collections: [{ name, indexes: [{ name: 'n', keys: [['n', 1]] }] }],
    apply(e: StoredEvent, uow: ProjectionUnitOfWork) {
      if (e.data.poison) throw new Error(`cannot handle ${e.type}`);
      return uow.update<Doc & { n: number; version: number }>(name, e.streamId, e, (doc) => ({
        _id: e.streamId,
        n: (doc?.n ?? 0) + 1,
        version,
      }));
    },
  };
}

// Every behaviour holds alike with transactions and in the guarded mode of servers without them.
const modes: Array<[string, (store: ReadStore) => ReadStore]> = [
  ['transactional', (store) => store],
  ['guarded (no transactions)', withoutTransactions],
];

describe.each(modes)('ProjectionEngine, %s', (_mode, inMode) => {
  let events: SqliteEventStore;
  let store: ReadStore;
  const engines: ProjectionEngine[] = [];
  const engine = (projections: Projection[]) => {
    const e = new ProjectionEngine(events, store, projections, { backoffMs: 1, batchSize: 3 });
    engines.push(e);
    return e;
  };
  const docs = async (collection: string) => (await store.collection(collection).find({}, { sort: { _id: 1 } }));

  beforeEach(() => {
    events = new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
    store = inMode(new SqliteReadStore(':memory:'));
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.stop();
    await store.close();
    await events.close();
  });

  it('follows the feed from its checkpoint, in order, and reports itself live', async () => {
    await events.append('s-a', [event('A'), event('A')], 'no_stream');
    const e = engine([counter()]);
    await e.start();
    const { position } = await events.append('s-b', [event('B')], 'no_stream');
    expect(await e.waitFor(position, undefined, REACH_MS)).toBe(true);
    expect(await docs(physicalName('counts', 1))).toEqual([
      expect.objectContaining({ _id: 's-a', n: 2 }),
      expect.objectContaining({ _id: 's-b', n: 1 }),
    ]);
    const [status] = await e.status();
    expect(status).toMatchObject({ name: 'counts', state: 'live', checkpoint: position.toString(), positionsBehind: '0', deadLetters: 0 });
  });

  it('resumes from the stored checkpoint after a restart, applying nothing twice', async () => {
    await events.append('s-a', [event('A'), event('A')], 'no_stream');
    const first = engine([counter()]);
    await first.start();
    expect(await first.waitFor(await events.headPosition(), undefined, REACH_MS)).toBe(true);
    await first.stop();
    const { position } = await events.append('s-a', [event('A')], 1);
    const second = engine([counter()]);
    await second.start();
    expect(await second.waitFor(position, undefined, REACH_MS)).toBe(true);
    expect((await docs(physicalName('counts', 1)))[0]).toMatchObject({ n: 3 });
  });

  it('changes nothing when the same batch is delivered twice', async () => {
    await events.append('s-a', [event('A'), event('A'), event('A')], 'no_stream');
    const batch = await events.readAll(-1n, 10);
    const projection = counter();
    const applyBatch = async () => {
      if (!store.supportsTransactions) {
        // The guarded mode's write of each document: only over an older position.
        await store.collection(REGISTRY_COLLECTION).replaceOne({ _id: 'counts' }, { _id: 'counts', active: { version: 1, generation: 1, checkpoint: '' }, building: null, updatedAt: '' }, { upsert: true });
        const uow = new ProjectionUnitOfWork(store, (l) => physicalName(l, 1));
        for (const e of batch) await projection.apply(e, uow);
        expect(await new GuardedBatch(store, new ProjectionRegistry(store), { projection: 'counts', slot: 'active', generation: 1 }).commit(uow.staged(), padPosition(batch.at(-1)!.position))).toBe(true);
        return;
      }
      await store.transaction(async (tx) => {
        const uow = new ProjectionUnitOfWork(tx, (l) => physicalName(l, 1));
        for (const e of batch) await projection.apply(e, uow);
        await uow.flush();
      });
    };
    await applyBatch();
    const once = await docs(physicalName('counts', 1));
    await applyBatch();
    expect(await docs(physicalName('counts', 1))).toEqual(once);
    expect(once[0]).toMatchObject({ n: 3 });
  });

  it('dead-letters an event that keeps failing, reports it, and carries on with the rest', async () => {
    await events.append('s-a', [event('A'), event('Bad', { poison: true }), event('A')], 'no_stream');
    const { position } = await events.append('s-b', [event('B')], 'no_stream');
    const e = engine([counter()]);
    await e.start();
    expect(await e.waitFor(position, undefined, REACH_MS)).toBe(true);
    expect((await docs(physicalName('counts', 1))).map((d) => [d._id, d.n])).toEqual([['s-a', 2], ['s-b', 1]]);
    const [status] = await e.status();
    expect(status.deadLetters).toBe(1);
    const [letter] = await store.collection('_dead_letters').find({});
    expect(letter).toMatchObject({ projection: 'counts', type: 'Bad', streamId: 's-a', error: 'cannot handle Bad', attempts: 3 });
  });

  it('rebuilds a changed version into a new generation while the old one serves, then switches and drops it', async () => {
    await events.append('s-a', [event('A'), event('A')], 'no_stream');
    const v1 = engine([counter(1)]);
    await v1.start();
    expect(await v1.waitFor(await events.headPosition(), undefined, REACH_MS)).toBe(true);
    await v1.stop();

    const v2 = engine([counter(2)]);
    await v2.start();
    const { position } = await events.append('s-a', [event('A')], 1);
    const deadline = Date.now() + REACH_MS;
    let record: Doc | null = null;
    while (Date.now() < deadline) {
      record = await store.collection(REGISTRY_COLLECTION).findOne({ _id: 'counts' });
      if ((record as any)?.active.version === 2) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(record).toMatchObject({ active: { version: 2, generation: 2 }, building: null });
    expect(await v2.waitFor(position, undefined, REACH_MS)).toBe(true);
    expect(await docs(physicalName('counts', 2))).toEqual([expect.objectContaining({ n: 3, version: 2 })]);
    expect(await store.listCollections()).not.toContain(physicalName('counts', 1));
  });

  it('rebuilds on demand into identical read models', async () => {
    for (let i = 0; i < 10; i++) await events.append(`s-${i % 3}`, [event('A')], 'any');
    const e = engine([counter()]);
    await e.start();
    expect(await e.waitFor(await events.headPosition(), undefined, REACH_MS)).toBe(true);
    const before = (await docs(physicalName('counts', 1))).map(({ _id, n }) => ({ _id, n }));
    const progress: number[] = [];
    await e.rebuild('counts', ({ events: n }) => progress.push(n));
    expect(progress[progress.length - 1]).toBe(10);
    expect((await docs(physicalName('counts', 2))).map(({ _id, n }) => ({ _id, n }))).toEqual(before);
    const { position } = await events.append('s-0', [event('A')], 'any');
    expect(await e.waitFor(position, undefined, REACH_MS)).toBe(true);
    expect((await docs(physicalName('counts', 2)))[0]).toMatchObject({ _id: 's-0', n: 5 });
  });

  it('answers false when a position is not reached in time', async () => {
    const e = engine([counter()]);
    await e.start();
    expect(await e.waitFor(10_000n, undefined, 30)).toBe(false);
  });
});

describe('ProjectionEngine without transactions, a batch in flight when a rebuild switches away', () => {
  it('leaves no copy of the retired generation: its late documents are dropped with it', async () => {
    const events = new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
    const store = withoutTransactions(new SqliteReadStore(':memory:'));
    let entered!: () => void;
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let gated = false;
    const base = counter();
    // The live runner is the first to see the Slow event; it holds that batch open until released.
    const slow: Projection = {
      ...base,
      async apply(e, uow) {
        await base.apply(e, uow);
        if (e.type === 'Slow' && !gated) {
          gated = true;
          entered();
          await gate;
        }
      },
    };
    const e = new ProjectionEngine(events, store, [slow], { backoffMs: 1, batchSize: 3 });
    try {
      await events.append('s-a', [event('A')], 'no_stream');
      await e.start();
      expect(await e.waitFor(await events.headPosition(), undefined, REACH_MS)).toBe(true);
      await events.append('s-a', [event('Slow')], 0);
      await inFlight;

      const rebuilt = e.rebuild('counts');
      const deadline = Date.now() + REACH_MS;
      while (Date.now() < deadline && (await new ProjectionRegistry(store).get('counts'))?.active.generation !== 2) await new Promise((r) => setTimeout(r, 5));
      expect((await new ProjectionRegistry(store).get('counts'))?.active.generation).toBe(2);
      release();
      await rebuilt;
      const { position } = await events.append('s-a', [event('A')], 1);
      expect(await e.waitFor(position, undefined, REACH_MS)).toBe(true);
      await e.stop();

      expect(await store.listCollections()).not.toContain(physicalName('counts', 1));
      expect(await store.collection(physicalName('counts', 2)).find({})).toEqual([expect.objectContaining({ _id: 's-a', n: 3 })]);
    } finally {
      release();
      await e.stop();
      await store.close();
      await events.close();
    }
  });
});
