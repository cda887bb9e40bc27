import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BackgroundCheckpoint, checkpointInBackground } from '@helpdesk/shared';
import { DuplicateKeyError, ReadStoreUnavailableError } from '../read-store.errors';
import { AsyncMutex } from '../async-mutex';
import { FieldColumns } from './field-columns';

export interface SqliteReadStoreOptions {
  /**
   * NORMAL (default) survives process crashes; a power cut may lose the last batches, which the
   * projections then apply again from their checkpoint (stored in the same transaction).
   */
  synchronous?: 'NORMAL' | 'FULL';
  busyTimeoutMs?: number;
  /** How often the planner's statistics are refreshed (default 10 minutes). */
  optimizeEveryMs?: number;
}

/** How a collection reaches the database: from the store itself, or from inside a transaction. */
export interface SqliteSession {
  /** Runs a read; `fallback` is the answer when the collection does not exist yet. */
  read<R>(work: (db: Database.Database) => R, fallback: R): R;
  /** Runs a write atomically, creating the collection's table first. */
  write<R>(collection: string, work: (db: Database.Database) => R): Promise<R>;
  prepare(db: Database.Database, sql: string): Database.Statement;
  /** The collection's indexed fields kept in columns, as its table has them now. */
  columns(db: Database.Database, collection: string): FieldColumns;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS _array_paths (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path)) WITHOUT ROWID;
`;
const NAME = /^[A-Za-z0-9_.-]{1,120}$/;
/** The longest pause between two asks for the write lock while another process holds it. */
const MAX_LOCK_PAUSE_MS = 20;
/** Index rows the periodic statistics read per index. */
const ANALYSIS_LIMIT = 1000;

export function tableName(collection: string): string {
  if (!NAME.test(collection)) throw new Error(`Invalid collection name "${collection}"`);
  return `"c_${collection}"`;
}

/**
 * The embedded store's connections: one writer, shared by async callers under a mutex (SQLite
 * admits one writer; an open transaction must not see other callers' writes), and one reader
 * that sees only committed data (WAL), so queries never wait for projections.
 */
export class SqliteCore {
  readonly writer: Database.Database;
  readonly reader: Database.Database;
  readonly mutex = new AsyncMutex();
  private readonly tables = new Set<string>();
  private readonly statements = new Map<Database.Database, Map<string, Database.Statement>>();
  private readonly layouts = new Map<Database.Database, Map<string, { version: number; columns: FieldColumns }>>();
  private readonly busyTimeoutMs: number;
  private readonly checkpoints: BackgroundCheckpoint;

  constructor(readonly file: string, options: SqliteReadStoreOptions = {}) {
    this.busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      this.writer = new Database(file, { timeout: this.busyTimeoutMs });
      this.writer.pragma('journal_mode = WAL');
      this.writer.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      // 64 MiB rather than SQLite's 2 MB: a batch writes documents and index entries keyed by
      // random ids all over a large file, and with the default each write read its pages back.
      this.writer.pragma('cache_size = -65536');
      // Erasure: what a delete or a dropped generation frees is zeroed, not left in free pages.
      this.writer.pragma('secure_delete = ON');
      this.writer.exec(SCHEMA);
      // Fail at start, not at the first projection batch, when the file cannot be written.
      this.writer.prepare(`INSERT INTO _meta (key, value) VALUES ('last_opened_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(new Date().toISOString());
      // An in-memory database exists once per connection: it must read through the writer.
      this.reader = file === ':memory:' ? this.writer : new Database(file, { readonly: true, timeout: options.busyTimeoutMs ?? 5000 });
      this.checkpoints = checkpointInBackground(this.writer, file);
      this.optimize();
    } catch (error) {
      throw new ReadStoreUnavailableError(`Cannot open the read store at ${file} (is DATA_DIR writable, with space left?): ${(error as Error).message}`, error);
    }
  }

  /**
   * Keeps the query planner's statistics current (SQLite's advice for long-lived connections:
   * PRAGMA optimize at open and now and then). Without them SQLite cannot tell that
   * `assigneeId = ?` is far more selective than `category = ?` and may walk the wrong index
   * (measured: a queue count 60 ms instead of 1.4 ms at 40k tickets). Bounded by analysis_limit.
   */
  optimize(): void {
    this.writer.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    this.writer.pragma('optimize = 0x10002');
  }


  prepare(db: Database.Database, sql: string): Database.Statement {
    let cache = this.statements.get(db);
    if (!cache) this.statements.set(db, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = db.prepare(sql)));
    return statement;
  }

  /**
   * The collection's field columns, looked up again whenever the schema changed: another process
   * (a projector beside the API) may have added columns, and a write that left one out would
   * leave its value stale.
   */
  columns(db: Database.Database, collection: string): FieldColumns {
    const version = this.prepare(db, 'PRAGMA schema_version').pluck().get() as number;
    let byName = this.layouts.get(db);
    if (!byName) this.layouts.set(db, (byName = new Map()));
    const known = byName.get(collection);
    if (known && known.version === version) return known.columns;
    const table = tableName(collection);
    const names = this.prepare(db, 'SELECT name FROM pragma_table_info(?)').pluck().all(table.slice(1, -1)) as string[];
    const columns = FieldColumns.fromColumnNames(table, names);
    byName.set(collection, { version, columns });
    return columns;
  }

  ensureTable(collection: string): void {
    if (this.tables.has(collection)) return;
    // A rowid table, not WITHOUT ROWID: documents are large rows, and with WITHOUT ROWID SQLite
    // reads the table even for counts a covering expression index could answer (measured: 200x).
    this.writer.exec(`CREATE TABLE IF NOT EXISTS ${tableName(collection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
    this.tables.add(collection);
  }

  forgetSchema(): void {
    this.tables.clear();
    this.statements.clear();
    this.layouts.clear();
  }

  /**
   * IMMEDIATE: the write lock first, since a deferred transaction that reads and then writes
   * cannot wait for another process's writer (SQLite refuses it at once). Taken without blocking
   * the event loop: SQLite's own busy handler sleeps on the calling thread while another process
   * holds the lock (a projector beside the API), and froze the API for up to 57 ms at a time (16%
   * of its main thread in the lifecycle bench). A refused lock is asked for again after a pause
   * that lets other work run, within the same busy timeout.
   */
  async beginImmediate(): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, MAX_LOCK_PAUSE_MS)) {
      this.writer.pragma('busy_timeout = 0');
      try {
        this.prepare(this.writer, 'BEGIN IMMEDIATE').run();
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw translateWriteError(error);
      } finally {
        this.writer.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** A write in a transaction of its own, the write lock taken without blocking (see beginImmediate). */
  async writeAlone<R>(collection: string, work: (db: Database.Database) => R): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      await this.beginImmediate();
      try {
        this.ensureTable(collection);
        const result = work(this.writer);
        this.prepare(this.writer, 'COMMIT').run();
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.prepare(this.writer, 'ROLLBACK').run();
        // Another process (or a rolled-back transaction) dropped a table we remembered creating.
        if (attempt === 1 && isMissingTable(error)) {
          this.forgetSchema();
          continue;
        }
        throw translateWriteError(error);
      }
    }
  }

  /** A write on the writer connection, inside the caller's open transaction. */
  runWrite<R>(collection: string, work: (db: Database.Database) => R): R {
    const attempt = () => {
      this.ensureTable(collection);
      return work(this.writer);
    };
    try {
      try {
        return attempt();
      } catch (error) {
        // Another process (or a rolled-back transaction) dropped a table we remembered creating.
        if (!isMissingTable(error)) throw error;
        this.forgetSchema();
        return attempt();
      }
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  readWith<R>(db: Database.Database, work: (db: Database.Database) => R, fallback: R, retried = false): R {
    try {
      return work(db);
    } catch (error) {
      if (isMissingTable(error)) {
        this.statements.get(db)?.clear();
        return fallback;
      }
      // The table was dropped and made again between the look-up of its columns and the query.
      if (!retried && isMissingColumn(error)) {
        this.layouts.get(db)?.clear();
        return this.readWith(db, work, fallback, true);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    // The background connection first: the writer then closes last, folding the WAL in itself.
    await this.checkpoints.stop();
    if (this.reader !== this.writer) this.reader.close();
    this.writer.close();
  }
}

/**
 * Whole statistics for one table, for indexes just built over loaded documents: the sample
 * `optimize` takes reads only the first rows of each index (all closed tickets at 1M), which
 * leaves every queue index looking alike to the planner (a count then took 2.7 s).
 */
export function analyzeWhole(db: Database.Database, table: string): void {
  db.pragma('analysis_limit = 0');
  try {
    db.exec(`ANALYZE ${table}`);
  } finally {
    db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
  }
}

// Not `instanceof`: errors from the native driver may come from another realm (e.g. under Jest).
const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown })?.code));
export const isMissingTable = (error: unknown) => /no such table/.test(String((error as { message?: unknown })?.message));
const isMissingColumn = (error: unknown) => /no such column/.test(String((error as { message?: unknown })?.message));

function translateWriteError(error: unknown): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return new DuplicateKeyError((error as Error).message);
  if (/^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(code)) return new ReadStoreUnavailableError(`The read store cannot be written: ${(error as Error).message}`, error);
  return error;
}
