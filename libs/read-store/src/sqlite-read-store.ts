import Database from 'better-sqlite3';
import { Doc, Page, ReadStore, SearchHit, TextSearch } from './read-store.port';
import { SqliteSearch } from './sqlite/sqlite-search';
import { SqliteCollection } from './sqlite/sqlite-collection';
import { SqliteCore, SqliteReadStoreOptions, SqliteSession, tableName } from './sqlite/sqlite-core';

export type { SqliteReadStoreOptions } from './sqlite/sqlite-core';

const OPTIMIZE_EVERY_MS = 10 * 60 * 1000;
export { SqliteCollection } from './sqlite/sqlite-collection';

interface QueuedTransaction {
  work: (tx: ReadStore) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded read store: collections of JSON documents in one SQLite file. Declared indexes
 * are built on columns that hold the indexed fields beside the document, and filters become SQL,
 * so queries touch only what they return.
 */
export class SqliteReadStore implements ReadStore {
  readonly supportsTransactions = true;
  private readonly core: SqliteCore;
  private readonly session: SqliteSession;
  private readonly inTransaction: SqliteSession;
  private readonly optimizer: NodeJS.Timeout;
  private readonly searchIndex: SqliteSearch;
  private readonly queued: QueuedTransaction[] = [];

  constructor(file: string, options: SqliteReadStoreOptions = {}) {
    const core = (this.core = new SqliteCore(file, options));
    this.searchIndex = new SqliteSearch(core);
    this.session = {
      read: (work, fallback) => core.readWith(core.reader, work, fallback),
      write: (collection, work) => core.mutex.run(() => core.writeAlone(collection, work)),
      prepare: (db, sql) => core.prepare(db, sql),
      columns: (db, collection) => core.columns(db, collection),
    };
    this.inTransaction = {
      read: (work, fallback) => core.readWith(core.writer, work, fallback),
      write: async (collection, work) => core.runWrite(collection, work),
      prepare: (db, sql) => core.prepare(db, sql),
      columns: (db, collection) => core.columns(db, collection),
    };
    this.optimizer = setInterval(() => void this.optimize().catch(() => undefined), options.optimizeEveryMs ?? OPTIMIZE_EVERY_MS).unref();
  }

  /** Refreshes the query planner's statistics where the data has changed enough (see SqliteCore.optimize). */
  async optimize(): Promise<void> {
    await this.core.mutex.run(() => this.core.optimize());
  }

  collection<T extends Doc = Doc>(name: string): SqliteCollection<T> {
    return new SqliteCollection<T>(this.session, name);
  }

  async listCollections(): Promise<string[]> {
    const rows = this.core.reader.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`).pluck().all() as string[];
    return rows.map((name) => name.slice(2));
  }

  async dropCollection(name: string): Promise<void> {
    await this.core.mutex.run(() => this.drop(this.core.writer, name));
  }

  /**
   * Runs `work` atomically: all of its writes or none. Transactions asked for while another runs
   * (every projection after an append) commit together, each in a savepoint of one SQLite
   * transaction, so they share one COMMIT; one that throws rolls back to its savepoint alone.
   * None resolves before the COMMIT that makes it durable.
   */
  transaction<R>(work: (tx: ReadStore) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.queued.length === 1) void this.core.mutex.run(() => this.commitQueued());
    });
  }

  private async commitQueued(): Promise<void> {
    const group = this.queued.splice(0);
    const { writer } = this.core;
    const settled: Array<() => void> = [];
    try {
      await this.core.beginImmediate();
      for (const { work, resolve, reject } of group) {
        writer.exec('SAVEPOINT work');
        try {
          const value = await work(this.transactionView());
          writer.exec('RELEASE work');
          settled.push(() => resolve(value));
        } catch (error) {
          // Some failures (a full disk) end the whole transaction: the others' writes went with it.
          if (!writer.inTransaction) throw error;
          writer.exec('ROLLBACK TO work');
          writer.exec('RELEASE work');
          settled.push(() => reject(error));
        }
      }
      writer.exec('COMMIT');
    } catch (error) {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      for (const { reject } of group) reject(error);
      return;
    }
    for (const settle of settled) settle();
  }

  /** FTS5, bm25-ranked, prefix-matched: see sqlite/sqlite-search.ts. */
  search<T extends Doc = Doc>(collection: string, query: TextSearch): Promise<Page<SearchHit<T>>> {
    return this.searchIndex.search<T>(collection, query);
  }

  async close(): Promise<void> {
    clearInterval(this.optimizer);
    await this.core.mutex.run(() => this.core.close());
  }

  private drop(db: Database.Database, name: string): void {
    db.exec(`DROP TABLE IF EXISTS ${tableName(name)}`);
    db.prepare('DELETE FROM _array_paths WHERE collection = ?').run(name);
    this.searchIndex.drop(db, name);
    this.core.forgetSchema();
  }

  private transactionView(): ReadStore {
    const session = this.inTransaction;
    return {
      supportsTransactions: true,
      collection: <T extends Doc = Doc>(name: string) => new SqliteCollection<T>(session, name),
      listCollections: () => this.listCollections(),
      dropCollection: async (name) => this.drop(this.core.writer, name),
      transaction: (work) => work(this.transactionView()),
      search: (collection, query) => this.search(collection, query),
      close: async () => undefined,
    };
  }
}
