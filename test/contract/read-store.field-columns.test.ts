import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Doc, Filter, IndexSpec, SqliteReadStore } from '@helpdesk/read-store';

/**
 * The embedded store keeps indexed fields in columns beside the document (see
 * libs/read-store/src/sqlite/field-columns.ts). These columns must always hold what SQLite's JSON
 * functions read from the document's text, however the document was written, so that a filter
 * or sort answers the same with or without an index.
 */

/** Values of every JSON kind, and the look-alikes type bracketing keeps apart. */
const VALUES: unknown[] = ['a', '', 'b', '{"a":1}', '[1]', 'ٹکٹ', 0, 1, -1, 2, 2.5, 1e21, 5e-7, -0, Number.NaN, true, false, null, undefined, { a: 1 }, {}, [1, 2], ['a'], [], new Date('2026-12-08T00:00:00.000Z')];

const INDEXES: IndexSpec[] = [
  { name: 'x', keys: [['x', 1]] },
  { name: 'nested', keys: [['n.y', -1], ['x', 1]] },
];

const FILTERS: Filter[] = [
  { x: 'a' },
  { x: '' },
  { x: 0 },
  { x: 1 },
  { x: 2 },
  { x: 1e21 },
  { x: true },
  { x: false },
  { x: null },
  { x: '{"a":1}' },
  { x: { a: 1 } },
  { x: [1, 2] },
  { x: '2026-12-08T00:00:00.000Z' },
  { x: { $exists: true } },
  { x: { $exists: false } },
  { x: { $ne: 1 } },
  { x: { $ne: null } },
  { x: { $in: ['a', 1, true, null] } },
  { x: { $in: [[1, 2], { a: 1 }] } },
  { x: { $nin: [0, 'a', false] } },
  { x: { $gt: 0 } },
  { x: { $lte: 1 } },
  { x: { $gt: '' } },
  { x: { $lt: 'b' } },
  { x: { $gte: false } },
  { 'n.y': 'a' },
  { 'n.y': { $exists: true } },
  { 'n.y': { $gt: 0 }, x: { $exists: true } },
  { $or: [{ x: 1 }, { 'n.y': true }] },
];

function docsOf(prefix: string): Doc[] {
  return VALUES.flatMap((value, i) => [
    { _id: `${prefix}${i}`, x: value, n: { y: VALUES[(i + 3) % VALUES.length] } },
    // `n` as a scalar or sub-document, never an array: filters refuse to reach under arrays.
    ...(Array.isArray(value) ? [] : [{ _id: `${prefix}${i}-flat`, n: value }]),
  ]) as Doc[];
}

describe('embedded read store: indexed fields kept in columns', () => {
  let dir: string;
  let store: SqliteReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'helpdesk-columns-'));
    store = new SqliteReadStore(join(dir, 'read.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every row's columns beside what json_extract and json_type read from its text. */
  function columnsAgainstText(collection: string): { id: string; columns: unknown[]; text: unknown[] }[] {
    const db = new Database(join(dir, 'read.db'), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT id, "v:x" AS vx, "t:x" AS tx, json_extract(doc, '$.x') AS ex, json_type(doc, '$.x') AS etx,
                  "v:n.y" AS vy, "t:n.y" AS ty, json_extract(doc, '$.n.y') AS ey, json_type(doc, '$.n.y') AS ety
           FROM "c_${collection}" ORDER BY id`,
        )
        .all() as Array<Record<string, unknown>>;
      return rows.map((r) => ({ id: r.id as string, columns: [r.vx, r.tx, r.vy, r.ty], text: [r.ex, r.etx, r.ey, r.ety] }));
    } finally {
      db.close();
    }
  }

  const expectColumnsToMatchText = (collection: string) => {
    const rows = columnsAgainstText(collection);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect({ id: row.id, values: row.columns }).toEqual({ id: row.id, values: row.text });
  };

  it('hold what the JSON functions read, however the document was written', async () => {
    const c = store.collection('docs');
    await c.ensureIndexes(INDEXES);
    const docs = docsOf('d');
    const half = Math.floor(docs.length / 2);
    for (const doc of docs.slice(0, half)) await c.insertOne(doc);
    await c.writeMany(docs.slice(half).map((doc) => ({ id: doc._id, doc })));
    expectColumnsToMatchText('docs');

    // Rewritten every way, each value moving to another document.
    const shifted = docs.map((doc, i) => ({ ...docs[(i + 5) % docs.length], _id: doc._id }));
    await c.writeMany(shifted.slice(0, 10).map((doc) => ({ id: doc._id, doc })));
    for (const doc of shifted.slice(10, 20)) await c.replaceOne({ _id: doc._id }, doc);
    for (const [i, doc] of shifted.slice(20).entries()) {
      const value = VALUES[i % VALUES.length];
      await c.updateOne({ _id: doc._id }, value === undefined ? { $unset: { x: '' } } : { $set: { x: value } });
    }
    await c.updateMany({ 'n.y': { $exists: true } }, { $set: { 'n.y': 'a' } });
    expectColumnsToMatchText('docs');
  });

  it('answer every filter and sort as the document text does', async () => {
    const indexed = store.collection('indexed');
    const plain = store.collection('plain');
    await indexed.ensureIndexes(INDEXES);
    for (const c of [indexed, plain]) await c.writeMany(docsOf('d').map((doc) => ({ id: doc._id, doc })));
    for (const filter of FILTERS) {
      const ids = async (c: typeof plain, sort: Record<string, 1 | -1>) => (await c.find(filter, { sort })).map((d) => d._id);
      for (const sort of [{ x: 1 }, { x: -1 }, { 'n.y': -1, x: 1 }] as Array<Record<string, 1 | -1>>) {
        expect({ filter, sort, ids: await ids(indexed, sort) }).toEqual({ filter, sort, ids: await ids(plain, sort) });
      }
      expect({ filter, count: await indexed.count(filter) }).toEqual({ filter, count: await plain.count(filter) });
    }
    // Paging by keyset over the columns visits every document once, in order.
    const all = (await plain.find({}, { sort: { x: 1 } })).map((d) => d._id);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await indexed.findPage({}, { sort: { x: 1 }, limit: 7, cursor });
      paged.push(...page.items.map((d) => d._id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('serve the declared indexes', async () => {
    const c = store.collection('scalars');
    await c.ensureIndexes(INDEXES);
    await c.writeMany(VALUES.filter((v) => !Array.isArray(v)).map((x, i) => ({ id: `d${i}`, doc: { _id: `d${i}`, x, n: { y: i } } })));
    expect(c.explain({ x: 'a' }).join(' ')).toMatch(/USING (COVERING )?INDEX ix_scalars__x__c/);
    expect(c.explain({ 'n.y': { $gt: 3 } }, { sort: { 'n.y': -1, x: 1 } }).join(' ')).toMatch(/USING (COVERING )?INDEX ix_scalars__nested__c/);
  });

  it('are added and filled when an index is declared over documents already written', async () => {
    const c = store.collection('late');
    await c.writeMany(docsOf('d').map((doc) => ({ id: doc._id, doc })));
    await c.ensureIndexes(INDEXES);
    expectColumnsToMatchText('late');
    expect((await c.find({ 'n.y': 'a' })).length).toBeGreaterThan(0);
  });

  it('replace the expression indexes of an earlier layout', async () => {
    await store.close();
    const db = new Database(join(dir, 'read.db'));
    db.exec(`CREATE TABLE "c_old" (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    db.exec(`CREATE INDEX "ix_old__x__t" ON "c_old" (json_extract(doc, '$.x') ASC, id ASC, json_type(doc, '$.x'))`);
    const insert = db.prepare('INSERT INTO "c_old" (id, doc) VALUES (?, ?)');
    for (const doc of docsOf('d')) insert.run(doc._id, JSON.stringify(doc));
    db.close();

    store = new SqliteReadStore(join(dir, 'read.db'));
    const c = store.collection('old');
    await c.ensureIndexes(INDEXES);
    expectColumnsToMatchText('old');
    const check = new Database(join(dir, 'read.db'), { readonly: true });
    const indexes = check.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'c_old' AND sql IS NOT NULL ORDER BY name`).pluck().all();
    check.close();
    expect(indexes).toEqual(['ix_old__nested__c', 'ix_old__x__c']);
    expect((await c.find({ x: 1 })).map((d) => d._id)).toEqual(['d7']);
  });

  it('are filled by a writer that opened the store before another process declared the index', async () => {
    const c = store.collection('shared');
    await c.writeMany([{ id: 'before', doc: { _id: 'before', x: 'a' } }]);
    expect(await c.count({ x: 'a' })).toBe(1); // this connection has looked at the table's columns

    const other = new SqliteReadStore(join(dir, 'read.db'));
    try {
      await other.collection('shared').ensureIndexes(INDEXES);
      await c.writeMany([{ id: 'after', doc: { _id: 'after', x: 'a' } }]);
      await c.updateOne({ _id: 'before' }, { $set: { x: 'b' } });
      expect((await other.collection('shared').find({ x: 'a' })).map((d) => d._id)).toEqual(['after']);
      expect((await c.find({ x: 'b' })).map((d) => d._id)).toEqual(['before']);
    } finally {
      await other.close();
    }
    expectColumnsToMatchText('shared');
  });
});
