import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { countLimit } from '../count-limit';
import { Collection, CountOptions, Doc, DocWrite, EnsureIndexesOptions, Filter, FindOptions, IndexSpec, Page, PageOptions, Update, UpdateResult } from '../read-store.port';
import { UnsupportedFilterError } from '../read-store.errors';
import { applyUpdate, arrayPathsOf, seedFromFilter } from './apply-update';
import { ArrayPaths, filterToSql, SqlFragment } from './filter-sql';
import { FieldColumns, FieldExprs, indexedPaths, JSON_FIELDS, typeColumn, valueColumn } from './field-columns';
import { jsonPath } from './json-path';
import { decodeCursor, encodeCursor, SqlValue } from './keyset-cursor';
import { analyzeWhole, SqliteSession, tableName } from './sqlite-core';
import { afterCursor, orderBy, sortKeys } from './sort-sql';

const STREAM_PAGE = 500;

interface Row {
  id: string;
  doc: string;
}

/** A collection of JSON documents in one SQLite table; filters and sorts run in SQL. */
export class SqliteCollection<T extends Doc = Doc> implements Collection<T> {
  private readonly table: string;

  constructor(
    private readonly session: SqliteSession,
    readonly name: string,
  ) {
    this.table = tableName(name);
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.find(filter, { limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.session.read((db) => {
      const { sql, params } = this.select(db, filter, options);
      return (this.session.prepare(db, sql).all(...params) as Row[]).map(parse<T>);
    }, []);
  }

  async findPage(filter: Filter, options: PageOptions): Promise<Page<T>> {
    const limit = Math.max(1, Math.floor(options.limit));
    let arity = 0;
    const rows = this.session.read((db) => {
      const fields = this.session.columns(db, this.name);
      const keys = sortKeys(options.sort, fields);
      arity = keys.length;
      const after = options.cursor ? afterCursor(keys, decodeCursor(options.cursor, keys.length)) : null;
      const where = this.where(db, filter, fields);
      const condition = after ? { sql: `(${where.sql}) AND (${after.sql})`, params: [...where.params, ...after.params] } : where;
      const columns = keys.map((k, i) => `${k.expr} AS k${i}`).join(', ');
      const sql = `SELECT doc, ${columns} FROM ${this.table} WHERE ${condition.sql} ORDER BY ${orderBy(keys)} LIMIT ?`;
      return this.session.prepare(db, sql).all(...condition.params, limit + 1) as Array<Record<string, SqlValue>>;
    }, []);
    const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc as string) as T);
    if (rows.length <= limit) return { items };
    const last = rows[limit - 1];
    return { items, nextCursor: encodeCursor(Array.from({ length: arity }, (_, i) => last[`k${i}`])) };
  }

  async count(filter: Filter = {}, options: CountOptions = {}): Promise<number> {
    return this.session.read((db) => {
      const { sql, params } = this.countQuery(db, filter, options.limit);
      return (this.session.prepare(db, sql).get(...params) as { n: number }).n;
    }, 0);
  }

  /** Pages through the matches by keyset, so memory stays flat however many there are. */
  async *stream(filter: Filter, options: FindOptions = {}): AsyncIterable<T> {
    let skip = options.skip ?? 0;
    let remaining = options.limit ?? Infinity;
    let cursor: string | undefined;
    do {
      const page = await this.findPage(filter, { sort: options.sort ?? {}, limit: STREAM_PAGE, cursor });
      for (const item of page.items) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (remaining-- <= 0) return;
        yield item;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }

  async insertOne(doc: T): Promise<void> {
    if (typeof doc._id !== 'string' || doc._id === '') throw new UnsupportedFilterError('A document needs a non-empty string _id');
    await this.session.write(this.name, (db) => this.insert(db, doc));
  }

  async replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.session.write(this.name, (db) => {
      const existing = this.firstMatch(db, filter);
      if (existing) {
        const next = { ...doc, _id: existing.id } as T;
        const text = JSON.stringify(next);
        if (text !== existing.doc) this.store(db, next, 'update');
        return { matched: 1, modified: text === existing.doc ? 0 : 1 };
      }
      if (!options.upsert) return { matched: 0, modified: 0 };
      const created = { ...doc, _id: doc._id ?? seedFromFilter(filter)._id ?? randomUUID() } as T;
      this.insert(db, created);
      return { matched: 0, modified: 0, upsertedId: created._id };
    });
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.session.write(this.name, (db) => {
      const existing = this.firstMatch(db, filter);
      if (existing) return this.modify(db, [existing], update);
      if (!options.upsert) return { matched: 0, modified: 0 };
      const seed = seedFromFilter(filter);
      const created = applyUpdate({ ...seed, _id: (seed._id as string | undefined) ?? randomUUID() } as T, update, true);
      this.insert(db, created);
      return { matched: 0, modified: 0, upsertedId: created._id };
    });
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return this.session.write(this.name, (db) => {
      const where = this.where(db, filter);
      const rows = this.session.prepare(db, `SELECT id, doc FROM ${this.table} WHERE ${where.sql}`).all(...where.params) as Row[];
      return this.modify(db, rows, update);
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.remove(filter, 'LIMIT 1');
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.remove(filter, '');
  }

  async writeMany(writes: ReadonlyArray<DocWrite<T>>): Promise<void> {
    if (writes.length === 0) return;
    await this.session.write(this.name, (db) => {
      const columns = this.session.columns(db, this.name);
      const remove = this.session.prepare(db, `DELETE FROM ${this.table} WHERE id = ?`);
      const paths = new Set<string>();
      for (const { id, doc } of writes) {
        if (typeof id !== 'string' || id === '') throw new UnsupportedFilterError('A document needs a non-empty string _id');
        if (!doc) {
          remove.run(id);
          continue;
        }
        this.writeRow(db, columns, doc._id === id ? doc : { ...doc, _id: id });
        for (const path of arrayPathsOf(doc)) paths.add(path);
      }
      this.rememberArrayPaths(db, paths);
    });
  }

  async ensureIndexes(indexes: IndexSpec[], options: EnsureIndexesOptions = {}): Promise<void> {
    await this.session.write(this.name, (db) => {
      const before = this.session.columns(db, this.name);
      const added = indexedPaths(indexes).filter((path) => !before.paths.includes(path));
      for (const path of added) db.exec(`ALTER TABLE ${this.table} ADD COLUMN ${valueColumn(path)}; ALTER TABLE ${this.table} ADD COLUMN ${typeColumn(path)}`);
      const loaded = this.session.prepare(db, `SELECT 1 FROM ${this.table} LIMIT 1`).get() !== undefined;
      if (added.length > 0 && loaded) {
        // Documents written before their fields were indexed: the new columns are filled from the
        // text by the JSON functions whose results the columns stand for, in one pass.
        const set = added.map((path) => `${valueColumn(path)} = json_extract(doc, ${jsonPath(path)}), ${typeColumn(path)} = json_type(doc, ${jsonPath(path)})`);
        db.exec(`UPDATE ${this.table} SET ${set.join(', ')}`);
      }
      if (options.build === false) return;
      const fields = this.session.columns(db, this.name);
      let created = false;
      for (const index of indexes) {
        const columns = index.keys.map(([path, direction]) => `${fields.value(path)} ${direction === -1 ? 'DESC' : 'ASC'}`);
        // Non-unique indexes end in id, the tie-breaker every sort adds, so ORDER BY is answered by the index.
        if (!index.unique && !index.keys.some(([path]) => path === '_id')) columns.push('id ASC');
        // The JSON types come last: filters' type guards (true is not 1) are then answered from the
        // index, so counts and residual checks never read the documents, and the order is unchanged.
        for (const [path] of index.keys) if (path !== '_id') columns.push(fields.type(path));
        // Earlier layouts: expression indexes over `doc`, before and after they held the types.
        db.exec(`DROP INDEX IF EXISTS "ix_${this.name}__${index.name}"; DROP INDEX IF EXISTS "ix_${this.name}__${index.name}__t"`);
        const name = `ix_${this.name}__${index.name}__c`;
        if (!created && !this.session.prepare(db, `SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name)) created = true;
        db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON ${this.table} (${columns.join(', ')})`);
      }
      // Indexes built over loaded documents (a rebuild's new generation) get whole statistics.
      if (created && loaded) analyzeWhole(db, this.table);
    });
  }

  /** SQLite's plan for a find: lets tests assert that declared queries use an index. */
  explain(filter: Filter, options: FindOptions & { count?: boolean } = {}): string[] {
    return this.session.read((db) => {
      const { sql, params } = options.count ? this.countQuery(db, filter) : this.select(db, filter, options);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    }, []);
  }

  private select(db: Database.Database, filter: Filter, options: FindOptions): SqlFragment {
    // A look-up by id needs no field of the document, so not the table's columns either.
    const fields = isIdLookup(filter) && !options.sort ? JSON_FIELDS : this.session.columns(db, this.name);
    const where = this.where(db, filter, fields);
    const sql = `SELECT id, doc FROM ${this.table} WHERE ${where.sql} ORDER BY ${orderBy(sortKeys(options.sort, fields))} LIMIT ? OFFSET ?`;
    return { sql, params: [...where.params, options.limit ?? -1, options.skip ?? 0] };
  }

  private countQuery(db: Database.Database, filter: Filter, limit?: number): SqlFragment {
    const where = this.where(db, filter);
    if (limit === undefined) return { sql: `SELECT count(*) AS n FROM ${this.table} WHERE ${where.sql}`, params: where.params };
    return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${this.table} WHERE ${where.sql} LIMIT ?)`, params: [...where.params, countLimit(limit)] };
  }

  private where(db: Database.Database, filter: Filter, fields?: FieldExprs): SqlFragment {
    // A look-up by id, the most frequent by far (every document a projection batch loads), needs
    // neither the filter compiler nor the collection's array paths: an id is never an array.
    if (isIdLookup(filter)) return { sql: 'id = ?', params: [filter._id] };
    return filterToSql(filter, this.arrayPaths(db), fields ?? this.session.columns(db, this.name));
  }

  private arrayPaths(db: Database.Database): ArrayPaths {
    const rows = this.session.prepare(db, 'SELECT path FROM _array_paths WHERE collection = ?').pluck().all(this.name) as string[];
    return new Set(rows);
  }

  private firstMatch(db: Database.Database, filter: Filter): Row | undefined {
    const where = this.where(db, filter);
    return this.session.prepare(db, `SELECT id, doc FROM ${this.table} WHERE ${where.sql} ORDER BY id LIMIT 1`).get(...where.params) as Row | undefined;
  }

  private modify(db: Database.Database, rows: Row[], update: Update): UpdateResult {
    let modified = 0;
    for (const row of rows) {
      const next = applyUpdate(JSON.parse(row.doc) as T, update, false);
      if (JSON.stringify(next) === row.doc) continue;
      this.store(db, next, 'update');
      modified++;
    }
    return { matched: rows.length, modified };
  }

  private insert(db: Database.Database, doc: T): void {
    this.store(db, doc, 'insert');
  }

  private store(db: Database.Database, doc: T, mode: 'insert' | 'update'): void {
    const columns = this.session.columns(db, this.name);
    if (mode === 'insert') this.insertRow(db, columns, doc, JSON.stringify(doc));
    else this.writeRow(db, columns, doc);
    this.rememberArrayPaths(db, arrayPathsOf(doc));
  }

  private insertRow(db: Database.Database, columns: FieldColumns, doc: Doc, text: string): void {
    this.session.prepare(db, columns.insertSql).run(doc._id, text, ...columns.valuesOf(doc));
  }

  /**
   * Inserts or rewrites a document. Of a rewritten row's field columns only those whose values
   * changed are set, so SQLite updates only the index entries that hold them.
   */
  private writeRow(db: Database.Database, columns: FieldColumns, doc: Doc): void {
    const text = JSON.stringify(doc);
    if (columns.paths.length === 0) {
      this.session.prepare(db, columns.upsertSql).run(doc._id, text);
      return;
    }
    const current = this.session.prepare(db, columns.selectSql).raw().get(doc._id) as SqlValue[] | undefined;
    if (!current) return this.insertRow(db, columns, doc, text);
    const next = columns.valuesOf(doc);
    let set = 'doc = ?';
    const params: SqlValue[] = [text];
    for (let i = 0; i < next.length; i++) {
      if (next[i] === current[i]) continue;
      set += `, ${columns.names[i]} = ?`;
      params.push(next[i]);
    }
    this.session.prepare(db, `UPDATE ${this.table} SET ${set} WHERE id = ?`).run(...params, doc._id);
  }

  /** Paths that hold arrays somewhere in the collection: filters on them match by element. */
  private rememberArrayPaths(db: Database.Database, paths: Iterable<string>): void {
    for (const path of paths) {
      this.session.prepare(db, 'INSERT OR IGNORE INTO _array_paths (collection, path) VALUES (?, ?)').run(this.name, path);
    }
  }

  private async remove(filter: Filter, limit: string): Promise<number> {
    return this.session.write(this.name, (db) => {
      const where = this.where(db, filter);
      const sql = `DELETE FROM ${this.table} WHERE id IN (SELECT id FROM ${this.table} WHERE ${where.sql} ORDER BY id ${limit})`;
      return this.session.prepare(db, sql).run(...where.params).changes;
    });
  }
}

const parse = <T>(row: Row): T => JSON.parse(row.doc) as T;

const isIdLookup = (filter: Filter): filter is { _id: string } => typeof filter._id === 'string' && Object.keys(filter).length === 1;
