import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Query } from 'mingo';
import { Doc, Filter, InvalidCursorError, ReadStore, Sort, UnsupportedFilterError } from '@helpdesk/read-store';

export interface ReadStoreUnderTest {
  store: ReadStore;
  cleanup?: () => Promise<void>;
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);
const matchOracle = (docs: Doc[], filter: Filter) => docs.filter((d) => new Query(filter as never, {}).test(d)).map((d) => d._id).sort();

/** Every page of a keyset traversal, concatenated. */
async function allPages(store: ReadStore, name: string, filter: Filter, sort: Sort, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await store.collection(name).findPage(filter, { sort, limit, cursor });
    seen.push(...ids(page.items));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

/**
 * The MongoDB semantics in oracle order: null and missing first, then numbers, then strings;
 * `_id` breaks ties. Only used on fields that hold one type (plus null/missing).
 */
function oracleSort(docs: Doc[], sort: Sort): string[] {
  const value = (d: Doc, path: string) => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), d) ?? null;
  const compare = (a: unknown, b: unknown) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : (a as number) < (b as number) ? -1 : 1);
  return [...docs]
    .sort((a, b) => {
      for (const [path, dir] of Object.entries(sort)) {
        const c = compare(value(a, path), value(b, path));
        if (c !== 0) return c * dir;
      }
      return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
    })
    .map((d) => d._id);
}

// --- generators for the property tests ---------------------------------------------------
const STATUSES = ['new', 'assigned', 'closed'];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, fc.constant(null)), { nil: undefined });
const smallInt = fc.integer({ min: -3, max: 3 });
const word = fc.constantFrom('a', 'b', 'c', 'ur', 'en');
const docArb = fc.record(
  {
    status: maybe(fc.constantFrom(...STATUSES)),
    n: maybe(smallInt),
    s: maybe(word),
    flag: maybe(fc.boolean()),
    nested: fc.option(fc.record({ a: maybe(smallInt), b: maybe(word) }, { requiredKeys: [] }), { nil: undefined }),
    tags: fc.option(fc.array(word, { maxLength: 3 }), { nil: undefined }),
    mixed: maybe(fc.oneof(smallInt, word, fc.boolean(), fc.constantFrom('1', '0'))),
  },
  { requiredKeys: [] },
);
const docsArb = fc.array(docArb, { maxLength: 40 }).map((docs) =>
  docs.map((d, i) => JSON.parse(JSON.stringify({ _id: `d${String(i).padStart(3, '0')}`, ...d })) as Doc),
);
const FIELDS = ['status', 'n', 's', 'flag', 'nested.a', 'nested.b', 'tags', 'mixed'];
const valueArb = fc.oneof(smallInt, word, fc.constantFrom(...STATUSES), fc.boolean(), fc.constant(null), fc.constantFrom('1', '0', 1, 0));
const conditionArb: fc.Arbitrary<Filter> = fc.tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 0, max: 9 }), valueArb, fc.array(valueArb, { maxLength: 3 }), fc.boolean()).map(
  ([field, op, given, list, exists]) => {
    // Range operators with null are refused by contract (see below), so they get a value.
    const value = given === null && op >= 4 && op <= 7 ? 0 : given;
    switch (op) {
      case 0: return { [field]: value };
      case 1: return { [field]: { $ne: value } };
      case 2: return { [field]: { $in: list } };
      case 3: return { [field]: { $nin: list } };
      case 4: return { [field]: { $gt: value } };
      case 5: return { [field]: { $gte: value } };
      case 6: return { [field]: { $lt: value } };
      case 7: return { [field]: { $lte: value } };
      case 8: return { [field]: { $exists: exists } };
      default: return { [field]: { $eq: value } };
    }
  },
);
const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  { weight: 3, arbitrary: conditionArb },
  { weight: 1, arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((f) => ({ $and: f })) },
  { weight: 1, arbitrary: fc.array(conditionArb, { minLength: 1, maxLength: 3 }).map((f) => ({ $or: f })) },
  { weight: 1, arbitrary: fc.tuple(conditionArb, fc.array(conditionArb, { minLength: 1, maxLength: 2 })).map(([a, b]) => ({ ...a, $or: b })) },
);
const sortArb = fc.tuple(fc.constantFrom('n', 's', 'nested.a', 'status'), fc.constantFrom<1 | -1>(1, -1), fc.option(fc.tuple(fc.constantFrom('n', 's'), fc.constantFrom<1 | -1>(1, -1)), { nil: undefined })).map(
  ([a, da, second]) => (second && second[0] !== a ? { [a]: da, [second[0]]: second[1] } : { [a]: da }) as Sort,
);

/** The shared contract every ReadStore adapter must pass. */
export function readStoreContract(name: string, make: () => Promise<ReadStoreUnderTest>, options: { propertyRuns?: number } = {}): void {
  describe(`ReadStore contract: ${name}`, () => {
    let subject: ReadStoreUnderTest;
    let store: ReadStore;
    let coll: string;
    const runs = options.propertyRuns ?? Number(process.env.PROPERTY_RUNS ?? 150);

    beforeAll(async () => {
      subject = await make();
      store = subject.store;
    });
    afterAll(async () => {
      await store.close();
      await subject.cleanup?.();
    });
    beforeEach(() => (coll = `contract_${randomUUID().replace(/-/g, '')}`));

    const seed = async (docs: Doc[]) => {
      for (const d of docs) await store.collection(coll).insertOne(d);
    };

    describe('documents', () => {
      it('inserts and finds by _id and by nested fields', async () => {
        await seed([{ _id: 't1', status: 'new', customer: { language: 'ur', name: 'عائشہ' } }, { _id: 't2', status: 'closed', customer: { language: 'en' } }]);
        expect(await store.collection(coll).findOne({ _id: 't1' })).toEqual({ _id: 't1', status: 'new', customer: { language: 'ur', name: 'عائشہ' } });
        expect(ids(await store.collection(coll).find({ 'customer.language': 'en' }))).toEqual(['t2']);
        expect(await store.collection(coll).findOne({ _id: 'nope' })).toBeNull();
      });

      it('refuses a second document with the same _id and keeps the first', async () => {
        await seed([{ _id: 'x', v: 1 }]);
        await expect(store.collection(coll).insertOne({ _id: 'x', v: 2 })).rejects.toThrow();
        expect(await store.collection(coll).findOne({ _id: 'x' })).toEqual({ _id: 'x', v: 1 });
      });

      it('reads an unknown collection as empty', async () => {
        expect(await store.collection(coll).find({})).toEqual([]);
        expect(await store.collection(coll).count()).toBe(0);
        expect((await store.collection(coll).findPage({}, { sort: { _id: 1 }, limit: 5 })).items).toEqual([]);
      });
    });

    describe('filters', () => {
      beforeEach(() =>
        seed([
          { _id: 'a', n: 5, s: 'five', flag: true, tags: ['x', 'y'], when: '2026-01-05T10:00:00Z', nested: { deep: { v: 1 } } },
          { _id: 'b', n: '5', s: null, flag: false, tags: [] },
          { _id: 'c', n: 1, flag: 1, tags: ['y'], when: '2026-01-06T10:00:00Z' },
          { _id: 'd', n: 10.5, s: 'ten', nested: { deep: { v: 2 } } },
        ]),
      );
      const find = async (filter: Filter) => ids(await store.collection(coll).find(filter, { sort: { _id: 1 } }));

      it('compares like MongoDB: numbers never equal strings or booleans', async () => {
        expect(await find({ n: 5 })).toEqual(['a']);
        expect(await find({ n: '5' })).toEqual(['b']);
        expect(await find({ flag: true })).toEqual(['a']);
        expect(await find({ flag: 1 })).toEqual(['c']);
        expect(await find({ n: { $gt: 1 } })).toEqual(['a', 'd']);
        expect(await find({ n: { $gte: 1, $lt: 10 } })).toEqual(['a', 'c']);
        expect(await find({ when: { $gte: '2026-01-06' } })).toEqual(['c']);
      });

      it('treats null as null-or-missing, and $exists as presence', async () => {
        expect(await find({ s: null })).toEqual(['b', 'c']);
        expect(await find({ s: { $ne: null } })).toEqual(['a', 'd']);
        expect(await find({ s: { $exists: true } })).toEqual(['a', 'b', 'd']);
        expect(await find({ s: { $exists: false } })).toEqual(['c']);
        expect(await find({ s: { $ne: 'five' } })).toEqual(['b', 'c', 'd']);
      });

      it('matches array fields by element', async () => {
        expect(await find({ tags: 'y' })).toEqual(['a', 'c']);
        expect(await find({ tags: { $in: ['x', 'z'] } })).toEqual(['a']);
        expect(await find({ tags: { $nin: ['y'] } })).toEqual(['b', 'd']);
        expect(await find({ tags: { $ne: 'x' } })).toEqual(['b', 'c', 'd']);
      });

      it('combines $and, $or, $in, $nin and nested paths', async () => {
        expect(await find({ $or: [{ n: 1 }, { 'nested.deep.v': 2 }] })).toEqual(['c', 'd']);
        expect(await find({ $and: [{ n: { $in: [5, 1, 10.5] } }, { s: { $nin: ['ten'] } }] })).toEqual(['a', 'c']);
        expect(await find({ 'nested.deep.v': { $lte: 1 } })).toEqual(['a']);
        expect(await find({ n: { $in: [] } })).toEqual([]);
      });

      it('refuses operators outside the supported subset by name', async () => {
        await expect(store.collection(coll).find({ s: { $regex: 'f' } })).rejects.toThrow(UnsupportedFilterError);
        await expect(store.collection(coll).find({ $where: 'true' })).rejects.toThrow(/\$where/);
        await expect(store.collection(coll).find({ s: { $gte: null } })).rejects.toThrow(UnsupportedFilterError);
      });

      it('agrees with mingo (the reference implementation) on random documents and filters', async () => {
        await fc.assert(
          fc.asyncProperty(docsArb, filterArb, async (docs, filter) => {
            const name = `prop_${randomUUID().replace(/-/g, '')}`;
            const c = store.collection(name);
            for (const d of docs) await c.insertOne(d);
            try {
              expect({ filter, got: ids(await c.find(filter)).sort() }).toEqual({ filter, got: matchOracle(docs, filter) });
              expect(await c.count(filter)).toBe(matchOracle(docs, filter).length);
            } finally {
              await store.dropCollection(name);
            }
          }),
          { numRuns: runs },
        );
      });
    });

    describe('sorting and pages', () => {
      it('sorts with null and missing first ascending, last descending, _id breaking ties', async () => {
        await seed([{ _id: 'a', p: 2 }, { _id: 'b' }, { _id: 'c', p: 1 }, { _id: 'd', p: null }, { _id: 'e', p: 2 }]);
        expect(ids(await store.collection(coll).find({}, { sort: { p: 1 } }))).toEqual(['b', 'd', 'c', 'a', 'e']);
        expect(ids(await store.collection(coll).find({}, { sort: { p: -1 } }))).toEqual(['a', 'e', 'c', 'b', 'd']);
        expect(ids(await store.collection(coll).find({}, { sort: { p: -1 }, skip: 1, limit: 2 }))).toEqual(['e', 'c']);
      });

      it('pages with a cursor without overlap or gaps, in any order, random data', async () => {
        await fc.assert(
          fc.asyncProperty(docsArb, sortArb, fc.integer({ min: 1, max: 7 }), filterArb, async (docs, sort, limit, filter) => {
            const name = `page_${randomUUID().replace(/-/g, '')}`;
            for (const d of docs) await store.collection(name).insertOne(d);
            try {
              const matching = new Set(matchOracle(docs, filter));
              const expected = oracleSort(docs.filter((d) => matching.has(d._id)), sort);
              expect(await allPages(store, name, filter, sort, limit)).toEqual(expected);
            } finally {
              await store.dropCollection(name);
            }
          }),
          { numRuns: Math.ceil(runs / 3) },
        );
      });

      it('refuses a cursor it did not issue', async () => {
        await seed([{ _id: 'a' }]);
        for (const cursor of ['garbage!', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{"x":1}').toString('base64url')]) {
          await expect(store.collection(coll).findPage({}, { sort: { p: 1 }, limit: 1, cursor })).rejects.toThrow(InvalidCursorError);
        }
      });

      it('streams every match in order', async () => {
        const docs = Array.from({ length: 1234 }, (_, i) => ({ _id: `s${String(i).padStart(5, '0')}`, k: i % 7 }));
        await store.transaction(async (tx) => {
          for (const d of docs) await tx.collection(coll).insertOne(d);
        });
        const streamed: string[] = [];
        for await (const d of store.collection(coll).stream({ k: { $ne: 3 } }, { sort: { k: 1 } })) streamed.push(d._id);
        expect(streamed).toEqual(oracleSort(docs.filter((d) => d.k !== 3), { k: 1 }));
      });
    });

    describe('writes', () => {
      // The projection registry's live and rebuild slots share one document; the outbox and
      // leases count on conditional updates. A server that loses one of two concurrent updates
      // (FerretDB 1.24 on SQLite) is made safe here by running the process's writes in turn.
      it('keeps every one of many concurrent updates of one document', async () => {
        const c = store.collection(coll);
        await c.insertOne({ _id: 'shared', n: 0 });
        const writers = Array.from({ length: 8 }, (_, w) => w);
        for (let round = 1; round <= 10; round++) {
          await Promise.all(writers.map((w) => c.updateOne({ _id: 'shared' }, { $set: { [`w${w}`]: round }, $inc: { n: 1 } })));
        }
        expect(await c.findOne({ _id: 'shared' })).toEqual({ _id: 'shared', n: 80, ...Object.fromEntries(writers.map((w) => [`w${w}`, 10])) });
      });

      it('replaces, upserting when asked', async () => {
        const c = store.collection(coll);
        expect(await c.replaceOne({ _id: 'r' }, { _id: 'r', v: 1 })).toMatchObject({ matched: 0 });
        expect(await c.findOne({ _id: 'r' })).toBeNull();
        expect(await c.replaceOne({ _id: 'r' }, { _id: 'r', v: 1 }, { upsert: true })).toMatchObject({ matched: 0, upsertedId: 'r' });
        expect(await c.replaceOne({ _id: 'r' }, { _id: 'r', v: 2 }, { upsert: true })).toMatchObject({ matched: 1, modified: 1 });
        expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', v: 2 });
      });

      it('updates with $set, $unset, $inc, $push and $setOnInsert', async () => {
        const c = store.collection(coll);
        await c.updateOne({ _id: 'w', team: 'billing' }, { $setOnInsert: { createdAt: 'then' }, $inc: { open: 1 }, $push: { log: 'a' } }, { upsert: true });
        await c.updateOne({ _id: 'w' }, { $setOnInsert: { createdAt: 'now' }, $inc: { open: 2 }, $push: { log: { $each: ['b', 'c'] } }, $set: { 'load.today': 3 } }, { upsert: true });
        await c.updateOne({ _id: 'w' }, { $unset: { team: '' } });
        expect(await c.findOne({ _id: 'w' })).toEqual({ _id: 'w', createdAt: 'then', open: 3, log: ['a', 'b', 'c'], load: { today: 3 } });
        expect(await c.updateOne({ _id: 'missing' }, { $set: { a: 1 } })).toMatchObject({ matched: 0, modified: 0 });
        expect(await c.findOne({ _id: 'missing' })).toBeNull();
      });

      it('keeps arrays inside arrays as they were written (working hours are [[from, to]])', async () => {
        const c = store.collection(coll);
        const hours = { mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [] as string[][] };
        await c.insertOne({ _id: 'a', hours, deep: [[[1, 2]], [{ x: [[3]] }]] });
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', hours, deep: [[[1, 2]], [{ x: [[3]] }]] });
        await c.replaceOne({ _id: 'a' }, { _id: 'a', hours: { wed: [['10:00', '11:00']] } });
        await c.updateOne({ _id: 'a' }, { $set: { 'hours.thu': [['08:00', '09:00']] }, $push: { slots: { $each: [['a', 'b']] } } });
        await c.updateOne({ _id: 'a' }, { $push: { slots: ['c'] } });
        const expected = { _id: 'a', hours: { wed: [['10:00', '11:00']], thu: [['08:00', '09:00']] }, slots: [['a', 'b'], ['c']] };
        expect(await c.findOne({ _id: 'a' })).toEqual(expected);
        expect(await c.find({})).toEqual([expected]);
        expect((await c.findPage({}, { sort: { _id: 1 }, limit: 5 })).items).toEqual([expected]);
        const streamed = [];
        for await (const doc of c.stream({})) streamed.push(doc);
        expect(streamed).toEqual([expected]);
      });

      it('writes a batch of whole documents and deletions by id, the last write of an id winning', async () => {
        await seed([{ _id: 'keep', v: 0 }, { _id: 'gone', v: 0 }, { _id: 'old', v: 0, tags: ['a'] }]);
        const c = store.collection(coll);
        await c.writeMany([
          { id: 'old', doc: { _id: 'old', v: 1, nested: { list: [1, 2] } } },
          { id: 'gone', doc: null },
          { id: 'new', doc: { _id: 'new', v: 2, tags: ['x', 'y'] } },
          { id: 'twice', doc: { _id: 'twice', v: 1 } },
          { id: 'twice', doc: { _id: 'twice', v: 3 } },
          { id: 'never', doc: null },
        ]);
        await c.writeMany([]);
        expect(await c.find({}, { sort: { _id: 1 } })).toEqual([
          { _id: 'keep', v: 0 },
          { _id: 'new', v: 2, tags: ['x', 'y'] },
          { _id: 'old', v: 1, nested: { list: [1, 2] } },
          { _id: 'twice', v: 3 },
        ]);
        // Arrays written by a batch are matched by element, like any other write's.
        expect((await c.find({ tags: 'y' })).map((d) => d._id)).toEqual(['new']);
        expect((await c.find({ 'nested.list': 2 })).map((d) => d._id)).toEqual(['old']);
      });

      it('refuses a batch that breaks a unique index, keeping what was there', async () => {
        const c = store.collection(coll);
        await c.ensureIndexes([{ name: 'by_number', keys: [['number', 1]], unique: true }]);
        await c.insertOne({ _id: '1', number: 'HD-1' });
        await expect(store.transaction((tx) => tx.collection(coll).writeMany([{ id: '2', doc: { _id: '2', number: 'HD-1' } }]))).rejects.toThrow();
        expect(await c.find({})).toEqual([{ _id: '1', number: 'HD-1' }]);
      });

      it('counts up to a limit, and refuses a limit that is not a positive integer', async () => {
        await seed([{ _id: '1', g: 'x' }, { _id: '2', g: 'x' }, { _id: '3', g: 'x' }, { _id: '4', g: 'y' }]);
        const c = store.collection(coll);
        expect(await c.count({ g: 'x' }, { limit: 2 })).toBe(2);
        expect(await c.count({ g: 'x' }, { limit: 3 })).toBe(3);
        expect(await c.count({ g: 'x' }, { limit: 10 })).toBe(3);
        expect(await c.count({}, { limit: 1 })).toBe(1);
        expect(await c.count({ g: 'z' }, { limit: 5 })).toBe(0);
        for (const limit of [0, -1, 1.5, Number.NaN]) await expect(c.count({}, { limit })).rejects.toThrow(RangeError);
      });

      it('updates and deletes many', async () => {
        await seed([{ _id: '1', g: 'x' }, { _id: '2', g: 'x' }, { _id: '3', g: 'y' }]);
        const c = store.collection(coll);
        expect(await c.updateMany({ g: 'x' }, { $set: { seen: true } })).toMatchObject({ matched: 2, modified: 2 });
        expect(await c.count({ seen: true })).toBe(2);
        expect(await c.deleteOne({ g: 'x' })).toBe(1);
        expect(await c.deleteMany({})).toBe(2);
        expect(await c.count()).toBe(0);
      });

      it('enforces declared unique indexes and creates indexes idempotently', async () => {
        const c = store.collection(coll);
        const indexes = [{ name: 'by_number', keys: [['number', 1]] as Array<[string, 1 | -1]>, unique: true }];
        await c.ensureIndexes(indexes);
        await c.ensureIndexes(indexes);
        await c.insertOne({ _id: '1', number: 'HD-000001' });
        await expect(c.insertOne({ _id: '2', number: 'HD-000001' })).rejects.toThrow();
        expect(await c.count()).toBe(1);
      });

      it('readies a collection for its indexes without building them, as a rebuild loads one', async () => {
        const c = store.collection(coll);
        const indexes = [{ name: 'by_number', keys: [['number', 1]] as Array<[string, 1 | -1]>, unique: true }];
        await c.ensureIndexes(indexes, { build: false });
        await c.writeMany([
          { id: '1', doc: { _id: '1', number: 'HD-000001' } },
          { id: '2', doc: { _id: '2', number: 'HD-000001' } }, // no unique index yet to refuse it
        ]);
        await c.writeMany([{ id: '2', doc: { _id: '2', number: 'HD-000002' } }]);
        await c.ensureIndexes(indexes);
        await expect(c.insertOne({ _id: '3', number: 'HD-000002' })).rejects.toThrow();
        expect((await c.find({ number: { $in: ['HD-000001', 'HD-000002'] } }, { sort: { number: -1 } })).map((d) => d._id)).toEqual(['2', '1']);
      });
    });

    describe('transactions and collections', () => {
      it('commits all writes of a transaction together', async () => {
        await store.transaction(async (tx) => {
          await tx.collection(coll).insertOne({ _id: 'a' });
          await tx.collection(`${coll}_cp`).replaceOne({ _id: 'cp' }, { _id: 'cp', at: 1 }, { upsert: true });
        });
        expect(await store.collection(coll).count()).toBe(1);
        expect(await store.collection(`${coll}_cp`).findOne({ _id: 'cp' })).toEqual({ _id: 'cp', at: 1 });
      });

      it('rolls back every write of a failed transaction (where the deployment supports them)', async () => {
        if (!store.supportsTransactions) return console.warn(`${name}: no transactions on this deployment; rollback not checked`);
        await seed([{ _id: 'kept', v: 1 }]);
        await expect(
          store.transaction(async (tx) => {
            await tx.collection(coll).insertOne({ _id: 'lost' });
            await tx.collection(coll).updateOne({ _id: 'kept' }, { $set: { v: 2 } });
            expect(await tx.collection(coll).count()).toBe(2);
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.collection(coll).find({})).toEqual([{ _id: 'kept', v: 1 }]);
      });

      it('keeps concurrent transactions apart: one that fails takes none of the others with it', async () => {
        if (!store.supportsTransactions) return console.warn(`${name}: no transactions on this deployment; rollback not checked`);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            store.transaction(async (tx) => {
              await tx.collection(coll).insertOne({ _id: `t${i}` });
              await tx.collection(`${coll}_cp`).replaceOne({ _id: `cp${i}` }, { _id: `cp${i}`, at: i }, { upsert: true });
              if (i % 3 === 1) throw new Error(`boom ${i}`);
              return i;
            }),
          ),
        );
        const failed = [1, 4, 7, 10];
        outcomes.forEach((outcome, i) => expect(outcome).toEqual(failed.includes(i) ? { status: 'rejected', reason: new Error(`boom ${i}`) } : { status: 'fulfilled', value: i }));
        const kept = Array.from({ length: 12 }, (_, i) => i).filter((i) => !failed.includes(i));
        expect((await store.collection(coll).find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(kept.map((i) => `t${i}`).sort());
        expect(await store.collection(`${coll}_cp`).count()).toBe(kept.length);
      });

      it('lists and drops collections', async () => {
        await seed([{ _id: 'a' }]);
        expect(await store.listCollections()).toContain(coll);
        await store.dropCollection(coll);
        expect(await store.listCollections()).not.toContain(coll);
        expect(await store.collection(coll).count()).toBe(0);
        await store.dropCollection(coll);
      });
    });
  });
}
