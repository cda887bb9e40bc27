import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Doc, SqliteReadStore } from '@helpdesk/read-store';
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
 * 13. What a document write costs with the indexes kept on it. A projection batch writes each
 * document it touched whole, and SQLite re-evaluates every expression index of the table on each
 * rewrite (they all read `doc`), whether or not the values they index changed. `tickets`
 * documents as the projection makes them, each rewritten with a new `updatedAt` and `_position`
 * once per round, rounds alternating between the variants of a row:
 * 1. through SqliteReadStore into a collection with the tickets projection's 12 indexes, against
 *    the same writes into one with none;
 * 2. raw better-sqlite3 upserts into those same indexed tables, the document stored as SQLite
 *    JSONB (parsed once per write) against JSON text;
 * 3. raw upserts that change only a field no index reads, against ones that change indexed fields.
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

    const collections = ['indexed', 'bare', 'text', 'jsonb', 'unindexed_change'].map((name) => store.collection(name));
    for (const [i, c] of collections.entries()) {
      if (i !== 1) await c.ensureIndexes(indexes);
      await c.writeMany(docs.map((doc) => ({ id: doc._id, doc })));
    }

    const viaStore = (name: string): Variant => async (batch) => {
      await store.collection(name).writeMany(batch.map((doc) => ({ id: doc._id, doc })));
    };
    const raw = new Database(join(dir.path, 'read.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const upsert = (table: string, value: string) => {
      const statement = raw.prepare(`INSERT INTO "c_${table}" (id, doc) VALUES (?, ${value}) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`);
      return raw.transaction((batch: Doc[]) => {
        for (const doc of batch) statement.run(doc._id, JSON.stringify(doc));
      });
    };
    const text = upsert('text', '?');
    const jsonb = upsert('jsonb', 'jsonb(?)');
    const unindexed = upsert('unindexed_change', '?');

    const indexCount = indexes.length;
    const [withIndexes, withoutIndexes] = await alternate(docs, [viaStore('indexed'), viaStore('bare')], changed);
    await store.close(); // the raw rows write to the same file: one writer at a time
    const [asJsonb, asText] = await alternate(docs, [jsonb, text], changed);
    const [unindexedOnly, indexedToo] = await alternate(docs, [unindexed, text], (doc, round) => ({ ...doc, note: `round ${round}` }), changed);
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
        benchmark: `raw upserts, the same ${indexCount} indexes, document as SQLite JSONB`,
        figure: asJsonb,
        unit: 'writes/s',
        baseline: 'the same upserts, document as JSON text (as stored)',
        baselineFigure: asText,
        target: null,
        notes: `${common}; ${(1e6 / asJsonb).toFixed(1)} µs against ${(1e6 / asText).toFixed(1)} µs`,
      },
      {
        benchmark: `raw upserts, the same ${indexCount} indexes, only an unindexed field changed`,
        figure: unindexedOnly,
        unit: 'writes/s',
        baseline: 'the same upserts, indexed fields changed',
        baselineFigure: indexedToo,
        target: null,
        notes: `${common}; a ratio near 1 means every index entry is rewritten whatever changed`,
      },
    ];
  } finally {
    await store.close().catch(() => undefined);
    dir.remove();
  }
}

/** A change to the fields a ticket's every event changes, which several of its indexes hold. */
function changed(doc: Doc, round: number): Doc {
  const at = new Date(Date.parse(doc.updatedAt as string) + (round + 1) * 1000).toISOString();
  return { ...doc, updatedAt: at, _position: String(round + 1).padStart(20, '0') };
}

/**
 * Writes per second of each variant: every round rewrites every document once through each
 * variant in turn (alternating which goes first), each with its own change of the documents.
 */
async function alternate(docs: Doc[], variants: Variant[], ...changes: Array<(doc: Doc, round: number) => Doc>): Promise<number[]> {
  const ms = variants.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? variants.map((_, i) => i) : variants.map((_, i) => variants.length - 1 - i);
    for (const v of order) {
      const change = changes[Math.min(v, changes.length - 1)];
      const next = docs.map((doc) => change(doc, round));
      const start = now();
      for (let i = 0; i < next.length; i += BATCH) await variants[v](next.slice(i, i + BATCH), round);
      ms[v] += now() - start;
    }
  }
  return ms.map((total) => (docs.length * ROUNDS) / (total / 1000));
}
