import { randomUUID } from 'node:crypto';
import { EventToAppend, SqliteEventStore, StoredEvent } from '@helpdesk/event-store';
import { Collection, Doc, ReadStore, SqliteReadStore, withoutTransactions } from '@helpdesk/read-store';
import { GuardedBatch, JOURNAL_COLLECTION } from './guarded-batch';
import { padPosition } from './padded-position';
import { Projection } from './projection';
import { ProjectionEngine } from './projection-engine';
import { physicalName, ProjectionRecord, ProjectionRegistry, REGISTRY_COLLECTION } from './projection-registry';
import { ProjectionUnitOfWork } from './unit-of-work';

const event = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({ id: randomUUID(), type, data, metadata: {} });

/**
 * A read model whose documents depend on one another, like `workload`: a slot per stream and a
 * total derived from the slot's previous value. Half a batch written would skew the total.
 */
function tally(): Projection {
  return {
    name: 'tally',
    version: 1,
    collections: [{ name: 'tally', indexes: [] }, { name: 'tally_slots', indexes: [], internal: true }],
    async apply(e: StoredEvent, uow: ProjectionUnitOfWork) {
      const before = await uow.get<Doc & { value: number }>('tally_slots', e.streamId);
      const value = Number(e.data.value);
      await uow.update<Doc & { value: number }>('tally_slots', e.streamId, e, () => ({ _id: e.streamId, value }));
      if (e.data.drop) await uow.update('tally_slots', e.streamId, e, () => null);
      await uow.update<Doc & { sum: number }>('tally', 'all', e, (doc) => ({ _id: 'all', sum: (doc?.sum ?? 0) - (before?.value ?? 0) + value }));
    },
  };
}

class Crash extends Error {}

/** The same store, dying at its `at`-th write (as kill -9 would stop it between two writes). */
function crashingAt(store: ReadStore, at: number): ReadStore {
  let writes = 0;
  const write = <R>(operation: () => Promise<R>): Promise<R> => {
    if (++writes === at) return Promise.reject(new Crash(`crashed at write ${at}`));
    return writes > at ? Promise.reject(new Crash('already crashed')) : operation();
  };
  const wrap = <T extends Doc>(c: Collection<T>): Collection<T> => ({
    ...c,
    name: c.name,
    findOne: (f) => c.findOne(f),
    find: (f, o) => c.find(f, o),
    findPage: (f, o) => c.findPage(f, o),
    count: (f) => c.count(f),
    stream: (f, o) => c.stream(f, o),
    insertOne: (d) => write(() => c.insertOne(d)),
    replaceOne: (f, d, o) => write(() => c.replaceOne(f, d, o)),
    updateOne: (f, u, o) => write(() => c.updateOne(f, u, o)),
    updateMany: (f, u) => write(() => c.updateMany(f, u)),
    deleteOne: (f) => write(() => c.deleteOne(f)),
    deleteMany: (f) => write(() => c.deleteMany(f)),
    writeMany: (w) => write(() => c.writeMany(w)),
    ensureIndexes: (i) => c.ensureIndexes(i),
  });
  const view: ReadStore = {
    supportsTransactions: false,
    collection: (name) => wrap(store.collection(name)),
    listCollections: () => store.listCollections(),
    dropCollection: (name) => store.dropCollection(name),
    transaction: (work) => work(view),
    search: (collection, query) => store.search(collection, query),
    close: () => store.close(),
  };
  return view;
}

describe('GuardedBatch: a projection batch without transactions, crashed at every write', () => {
  let events: SqliteEventStore;
  const stores: ReadStore[] = [];
  const newStore = () => {
    const store = withoutTransactions(new SqliteReadStore(':memory:'));
    stores.push(store);
    return store;
  };
  const project = async (store: ReadStore) => {
    const engine = new ProjectionEngine(events, store, [tally()], { backoffMs: 1, batchSize: 4 });
    await engine.start();
    expect(await engine.waitFor(await events.headPosition(), undefined, 10_000)).toBe(true);
    await engine.stop();
  };
  const models = async (store: ReadStore) => ({
    tally: await store.collection(physicalName('tally', 1)).find({}),
    slots: await store.collection(physicalName('tally_slots', 1)).find({}),
  });

  beforeEach(() => {
    events = new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await events.close();
  });

  it('leaves read models equal to a clean run, whichever write the crash hits', async () => {
    await events.append('s-a', [event('Set', { value: 3 }), event('Set', { value: 5 })], 'no_stream');
    await events.append('s-b', [event('Set', { value: 7 })], 'no_stream');
    const crashes: string[] = [];
    for (let at = 1; ; at++) {
      const store = newStore();
      await project(store);
      const head = await events.headPosition();
      // The next batch, as a runner would commit it, on a store that dies at write `at`.
      const next = [event('Set', { value: 11 }), event('Set', { value: 2, drop: true })];
      const { position } = await events.append(`s-${at}`, next, 'no_stream');
      await events.append('s-a', [event('Set', { value: 1 })], 'any');
      const batch = (await events.readAll(head, 10)).filter((e) => e.position <= position);
      const crashing = crashingAt(store, at);
      const uow = new ProjectionUnitOfWork(crashing, (l) => physicalName(l, 1));
      for (const e of batch) await tally().apply(e, uow);
      const guarded = new GuardedBatch(crashing, new ProjectionRegistry(crashing), { projection: 'tally', slot: 'active', generation: 1 });
      const finished = await guarded.commit(uow.staged(), padPosition(position)).then(
        () => true,
        (error) => {
          if (!(error instanceof Crash)) throw error;
          return false;
        },
      );
      // Restart: a fresh engine on what the crash left, against a clean run of the same feed.
      await project(store);
      const clean = newStore();
      await project(clean);
      expect(await models(store)).toEqual(await models(clean));
      const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: 'tally' });
      expect(record?.active.pending).toBeUndefined();
      expect(await store.collection(JOURNAL_COLLECTION).count({})).toBe(0);
      if (finished) break;
      crashes.push(`write ${at}`);
    }
    // journal, mark, four document writes, checkpoint, journal drop: every one was a crash point
    expect(crashes.length).toBeGreaterThanOrEqual(6);
  });
});
