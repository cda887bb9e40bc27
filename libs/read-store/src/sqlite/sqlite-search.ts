import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { InvalidCursorError, UnsupportedFilterError } from '../read-store.errors';
import { Doc, Page, SearchHit, TextSearch } from '../read-store.port';
import { filterToSql } from './filter-sql';
import { isMissingTable, SqliteCore, tableName } from './sqlite-core';

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NO_ARRAYS: ReadonlySet<string> = new Set();

/**
 * Full-text search over a collection with SQLite FTS5, ranked by bm25 with the fields' weights,
 * every query word matched as a prefix. The FTS5 table (`fts:<collection>:<fields>`) keeps its
 * own copy of the searched fields, kept in step with the collection's table by triggers, so
 * the collection's write path is untouched; it is made (and filled from what is there) on the
 * first search, and dropped with the collection.
 */
export class SqliteSearch {
  private readonly ready = new Set<string>();

  constructor(private readonly core: SqliteCore) {}

  async search<T extends Doc>(collection: string, query: TextSearch): Promise<Page<SearchHit<T>>> {
    const fields = Object.keys(query.fields);
    if (fields.length === 0 || fields.some((f) => !FIELD.test(f) || f === 'doc' || f === 'id' || f === 'rank')) throw new UnsupportedFilterError('search fields must be plain field names');
    const limit = Math.min(100, Math.max(1, Math.floor(query.limit)));
    const match = matchExpression(query.groups, query.match === 'any' ? 'OR' : 'AND');
    if (!match) return { items: [] };
    const stored = (query.stored ?? []).filter((f) => FIELD.test(f));
    const fts = ftsName(collection, fields, stored);
    const table = tableName(collection);
    if (!(await this.ensureIndex(collection, fts, fields, stored))) return { items: [] };

    const weights = fields.map((f) => Number(query.fields[f]) || 1);
    const filter = query.filter ?? {};
    // The fast way: filters and the exact match on fields kept in the FTS5 table itself, so only
    // the page's rows are read from the collection; otherwise every match's document is read.
    const fromIndex = Object.entries(filter).every(([k, v]) => stored.includes(k) && (typeof v === 'string' || typeof v === 'number')) && (!query.exact || stored.includes(query.exact.field));
    const where = fromIndex
      ? { sql: Object.keys(filter).map((k) => `"${fts}"."s_${k}" = ?`).join(' AND ') || '1', params: Object.values(filter) as Array<string | number> }
      : filterToSql(filter, NO_ARRAYS);
    const exactOn = fromIndex ? (f: string) => `"${fts}"."s_${f}"` : (f: string) => `json_extract(c.doc, '$.${f}')`;
    const exact = query.exact && FIELD.test(query.exact.field) ? { sql: `(${exactOn(query.exact.field)} = ?)`, params: [query.exact.value] } : { sql: '0', params: [] };
    const after = query.cursor ? decode(query.cursor) : null;
    const keyset = after ? 'WHERE exact < ? OR (exact = ? AND (rank > ? OR (rank = ? AND id > ?)))' : '';
    let sql: string;
    if (fromIndex) {
      const ranked = `SELECT "${fts}".rowid AS rid, "${fts}"."s__id" AS id, ${exact.sql} AS exact, bm25("${fts}", ${weights.join(', ')}) AS rank FROM "${fts}" WHERE "${fts}" MATCH ? AND (${where.sql})`;
      const page = `SELECT rid, id, exact, rank FROM (${ranked}) ${keyset} ORDER BY exact DESC, rank ASC, id ASC LIMIT ?`;
      sql = `SELECT p.id AS id, c.doc AS doc, p.exact AS exact, p.rank AS rank FROM (${page}) p JOIN ${table} c ON c.rowid = p.rid ORDER BY p.exact DESC, p.rank ASC, p.id ASC`;
    } else {
      const inner = `SELECT c.id AS id, c.doc AS doc, ${exact.sql} AS exact, bm25("${fts}", ${weights.join(', ')}) AS rank
      FROM "${fts}" JOIN ${table} c ON c.rowid = "${fts}".rowid
      WHERE "${fts}" MATCH ? AND (${where.sql})`;
      sql = `SELECT id, doc, exact, rank FROM (${inner}) ${keyset} ORDER BY exact DESC, rank ASC, id ASC LIMIT ?`;
    }
    const params = [...exact.params, match, ...where.params, ...(after ? [after[0], after[0], after[1], after[1], after[2]] : []), limit + 1];
    const run = () => this.core.prepare(this.core.reader, sql).all(...params) as Array<{ id: string; doc: string; exact: number; rank: number }>;
    let rows: ReturnType<typeof run>;
    try {
      rows = run();
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      this.ready.clear();
      this.core.forgetSchema();
      if (!(await this.ensureIndex(collection, fts, fields, stored))) return { items: [] };
      rows = run();
    }
    const items = rows.slice(0, limit).map((row) => ({ doc: JSON.parse(row.doc) as T, score: (row.exact ? 1e6 : 0) - row.rank }));
    if (rows.length <= limit) return { items };
    const last = rows[limit - 1];
    return { items, nextCursor: Buffer.from(JSON.stringify([last.exact, last.rank, last.id])).toString('base64url') };
  }

  /** Forgets (and drops) the search tables of a collection being dropped. */
  drop(db: Database.Database, collection: string): void {
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB ?`).pluck().all(`fts:${collection}:*`) as string[];
    for (const name of names) db.exec(`DROP TABLE IF EXISTS "${name}"`);
    this.ready.clear();
  }

  /** False when the collection does not exist (nothing to search). */
  private async ensureIndex(collection: string, fts: string, fields: string[], stored: string[]): Promise<boolean> {
    if (this.ready.has(fts)) return true;
    return this.core.mutex.run(() => {
      const db = this.core.writer;
      const table = tableName(collection);
      const exists = (name: string, type: string) => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?`).get(type, name) !== undefined;
      if (!exists(`c_${collection}`, 'table')) return false;
      if (!exists(`${fts}:ai`, 'trigger') || !exists(`${fts}:ad`, 'trigger') || !exists(`${fts}:au`, 'trigger') || !exists(fts, 'table')) {
        const values = (row: string) => [...fields.map((f) => `json_extract(${row}.doc, '$.${f}')`), `${row}.id`, ...stored.map((f) => `json_extract(${row}.doc, '$.${f}')`)].join(', ');
        const columns = [...fields, 's__id', ...stored.map((f) => `s_${f}`)].map((f) => `"${f}"`).join(', ');
        const declared = [...fields.map((f) => `"${f}"`), ...['s__id', ...stored.map((f) => `s_${f}`)].map((f) => `"${f}" UNINDEXED`)].join(', ');
        db.transaction(() => {
          db.exec(`DROP TABLE IF EXISTS "${fts}"`);
          db.exec(`CREATE VIRTUAL TABLE "${fts}" USING fts5(${declared}, tokenize = "unicode61 remove_diacritics 2")`);
          // OR REPLACE: a write path that replaces rows (rather than updating them) stays indexed once.
          db.exec(`DROP TRIGGER IF EXISTS "${fts}:ai"; CREATE TRIGGER "${fts}:ai" AFTER INSERT ON ${table} BEGIN INSERT OR REPLACE INTO "${fts}" (rowid, ${columns}) VALUES (new.rowid, ${values('new')}); END`);
          db.exec(`DROP TRIGGER IF EXISTS "${fts}:ad"; CREATE TRIGGER "${fts}:ad" AFTER DELETE ON ${table} BEGIN DELETE FROM "${fts}" WHERE rowid = old.rowid; END`);
          db.exec(`DROP TRIGGER IF EXISTS "${fts}:au"; CREATE TRIGGER "${fts}:au" AFTER UPDATE OF doc ON ${table} BEGIN DELETE FROM "${fts}" WHERE rowid = old.rowid; INSERT OR REPLACE INTO "${fts}" (rowid, ${columns}) VALUES (new.rowid, ${values('new')}); END`);
          db.exec(`INSERT INTO "${fts}" (rowid, ${columns}) SELECT rowid, ${values(table)} FROM ${table}`);
        })();
        this.core.forgetSchema();
      }
      this.ready.add(fts);
      return true;
    });
  }
}

function ftsName(collection: string, fields: string[], stored: string[]): string {
  tableName(collection); // validates the name
  const key = createHash('sha256').update(`${fields.join(',')}|${stored.join(',')}`).digest('hex').slice(0, 8);
  return `fts:${collection}:${key}`;
}

/** `("a"* OR "ab"*) AND ("c"*)`; words are quoted, so no query word is FTS5 syntax. */
export function matchExpression(groups: string[][], join: 'AND' | 'OR' = 'AND'): string {
  const parts = groups
    .map((group) => group.filter((w) => w.length > 0).map((w) => `"${w.replace(/"/g, '""')}"*`))
    .filter((alternatives) => alternatives.length > 0)
    .map((alternatives) => (alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`));
  return parts.join(` ${join} `);
}

function decode(cursor: string): [number, number, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && typeof value[0] === 'number' && typeof value[1] === 'number' && typeof value[2] === 'string') return value as [number, number, string];
  } catch {
    /* refused below */
  }
  throw new InvalidCursorError('The cursor is not one this search returned.');
}
