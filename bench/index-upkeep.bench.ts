import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Doc, IndexSpec, SqliteReadStore } from '@helpdesk/read-store';
import { ticketsProjection } from '@helpdesk/projections';
import { BenchConfig } from './config';
import { now } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';
import { TicketDocumentFactory } from './ticket-documents';
import { DEFAULT_LIFE } from './ticket-lives';

const TICKETS = 5000;
const ROUNDS = 6;
/** Documents per transaction, about what one projection batch writes under load. */
const BATCH = 100;

type Variant = (docs: Doc[], round: number) => void | Promise<void>;

/**
 * 13. What a document write costs with the indexes kept on it, and what building them costs. The
 * store keeps each indexed field in columns beside the document and sets only the columns whose
 * values changed, so a rewrite updates only those index entries; the earlier layout indexed
 * expressions over `doc`, which SQLite re-evaluates on every rewrite of `doc`. `tickets`
 * documents as the projection makes them, each rewritten with a new `updatedAt` and `_position`
 * once per round, rounds alternating between the variants of a row:
 * 1. through SqliteReadStore into a collection with the tickets projection's 12 indexes, against
 *    the same writes into one with none;
 * 2. the same writes through SqliteReadStore, against raw upserts into a table with the same 12
 *    indexes as expressions over `doc` (the earlier layout);
 * 3. building the 12 indexes over the 5,000 loaded documents as a rebuild does (columns filled as
 *    the documents were written), against `CREATE INDEX` of the expression indexes over the same.
 */
export async function indexUpkeep(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('index-upkeep', config.tmpRoot);
  const store = new SqliteReadStore(join(dir.path, 'read.db'));
  try {
    const factory = new TicketDocumentFactory({ ...DEFAULT_LIFE, total: TICKETS }, TICKETS);
    const docs: Doc[] = [];
    for (let i = 0; i < TICKETS; i++) docs.push((await factory.make(i)).ticket);
    const bytes = docs.reduce((sum, d) => sum + JSON.stringify(d).length, 0) / docs.length;
    const indexes = ticketsProjection().collections[0].indexes;
    const indexCount = indexes.length;
    const all = (batch: Doc[]) => batch.map((doc) => ({ id: doc._id, doc }));

    const indexed = store.collection('indexed');
    const bare = store.collection('bare');
    await indexed.ensureIndexes(indexes);
    for (const c of [indexed, bare]) await c.writeMany(all(docs));
    const viaStore = (c: typeof indexed): Variant => async (batch) => c.writeMany(all(batch));

    // Index builds, each over the same documents freshly loaded, alternating. The expression
    // indexes are made over a second connection, which writes while the store's is idle (WAL).
    const raw = new Database(join(dir.path, 'read.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const builds = { columns: 0, expressions: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? (['columns', 'expressions'] as const) : (['expressions', 'columns'] as const)) {
        const c = store.collection(`build_${kind}_${round}`);
        await c.ensureIndexes(kind === 'columns' ? indexes : [], { build: false });
        await c.writeMany(all(docs));
        const start = now();
        if (kind === 'columns') await c.ensureIndexes(indexes);
        else expressionIndexes(raw, `build_${kind}_${round}`, indexes);
        builds[kind] += now() - start;
        await store.dropCollection(`build_${kind}_${round}`);
      }
    }

    const [withIndexes, withoutIndexes] = await alternate(docs, [viaStore(indexed), viaStore(bare)]);
    const expressions = store.collection('expressions');
    await expressions.writeMany(all(docs));
    expressionIndexes(raw, 'expressions', indexes);
    const statement = raw.prepare(`INSERT INTO "c_expressions" (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`);
    const upsert = raw.transaction((batch: Doc[]) => {
      for (const doc of batch) statement.run(doc._id, JSON.stringify(doc));
    });
    const [columnsFigure, expressionsFigure] = await alternate(docs, [viaStore(indexed), upsert]);
    raw.close();

    const common = `${TICKETS} tickets documents (${Math.round(bytes)} bytes of JSON on average), each rewritten once a round, ${BATCH} a transaction, ${ROUNDS} rounds alternating`;
    return [
      {
        benchmark: `document writes with the tickets projection's ${indexCount} indexes (SqliteReadStore)`,
        figure: withIndexes,
        unit: 'writes/s',
        baseline: 'the same writes, no index',
        baselineFigure: withoutIndexes,
        target: null,
        notes: `${common}; ${(1e6 / withIndexes).toFixed(1)} µs a write against ${(1e6 / withoutIndexes).toFixed(1)} µs`,
      },
      {
        benchmark: `document writes with the ${indexCount} indexes on field columns, changed columns set (SqliteReadStore)`,
        figure: columnsFigure,
        unit: 'writes/s',
        baseline: 'raw upserts, the same indexes as expressions over doc (the earlier layout)',
        baselineFigure: expressionsFigure,
        target: null,
        notes: `${common}; ${(1e6 / columnsFigure).toFixed(1)} µs against ${(1e6 / expressionsFigure).toFixed(1)} µs`,
      },
      {
        benchmark: `building the ${indexCount} indexes over ${TICKETS} loaded documents, on field columns`,
        figure: (TICKETS * ROUNDS) / (builds.columns / 1000),
        unit: 'documents/s',
        baseline: 'CREATE INDEX of the same indexes as expressions over doc',
        baselineFigure: (TICKETS * ROUNDS) / (builds.expressions / 1000),
        target: null,
        notes: `${ROUNDS} builds each, alternating; ${(builds.columns / ROUNDS).toFixed(0)} ms a build against ${(builds.expressions / ROUNDS).toFixed(0)} ms`,
      },
    ];
  } finally {
    await store.close().catch(() => undefined);
    dir.remove();
  }
}

/**
 * The earlier layout's indexes (value expressions, then id, then the JSON types, all over `doc`),
 * with whole statistics after, as the store's index build takes.
 */
function expressionIndexes(db: Database.Database, collection: string, indexes: IndexSpec[]): void {
  for (const index of indexes) {
    const keys = index.keys.map(([path, direction]) => `${path === '_id' ? 'id' : `json_extract(doc, '$.${path}')`} ${direction === -1 ? 'DESC' : 'ASC'}`);
    if (!index.unique && !index.keys.some(([path]) => path === '_id')) keys.push('id ASC');
    for (const [path] of index.keys) if (path !== '_id') keys.push(`json_type(doc, '$.${path}')`);
    db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX "x_${collection}__${index.name}" ON "c_${collection}" (${keys.join(', ')})`);
  }
  db.pragma('analysis_limit = 0');
  db.exec(`ANALYZE "c_${collection}"`);
}

/** A change to the fields a ticket's every event changes, which several of its indexes hold. */
function changed(doc: Doc, round: number): Doc {
  const at = new Date(Date.parse(doc.updatedAt as string) + (round + 1) * 1000).toISOString();
  return { ...doc, updatedAt: at, _position: String(round + 1).padStart(20, '0') };
}

/**
 * Writes per second of each variant: every round rewrites every document once through each
 * variant in turn (alternating which goes first).
 */
async function alternate(docs: Doc[], variants: Variant[]): Promise<number[]> {
  const ms = variants.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? variants.map((_, i) => i) : variants.map((_, i) => variants.length - 1 - i);
    for (const v of order) {
      const next = docs.map((doc) => changed(doc, round));
      const start = now();
      for (let i = 0; i < next.length; i += BATCH) await variants[v](next.slice(i, i + BATCH), round);
      ms[v] += now() - start;
    }
  }
  return ms.map((total) => (docs.length * ROUNDS) / (total / 1000));
}
