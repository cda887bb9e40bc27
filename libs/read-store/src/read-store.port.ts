/**
 * The query side's storage: named collections of JSON documents with MongoDB semantics for the
 * subset projectors and queries use. Adapters: embedded SQLite (default) and MongoDB.
 * Every adapter passes test/contract/read-store.contract.ts.
 */

/** A stored document. `_id` is always a string chosen by the projector. */
export interface Doc {
  _id: string;
  [field: string]: unknown;
}

/**
 * MongoDB filter subset: equality on (nested, dotted) paths, and the operators
 * $eq $ne $in $nin $gt $gte $lt $lte $exists, combined with $and / $or.
 */
export type Filter = Record<string, unknown>;

/** Field path -> 1 (ascending) or -1 (descending); the order of keys is the sort order. */
export type Sort = Record<string, 1 | -1>;

/** MongoDB update operators: $set $unset $inc $push (with optional $each) $setOnInsert. */
export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $setOnInsert?: Record<string, unknown>;
}

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface PageOptions {
  /** Must be given; `_id` is appended as the final tie-breaker so pages never overlap. */
  sort: Sort;
  limit: number;
  /** Opaque cursor returned as `nextCursor` by the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upsertedId?: string;
}

export interface EnsureIndexesOptions {
  /** False: ready the collection for the indexes without building them (default true). */
  build?: boolean;
}

export interface IndexSpec {
  name: string;
  /** Ordered keys: [path, direction]. */
  keys: Array<[string, 1 | -1]>;
  unique?: boolean;
}

/**
 * A full-text query over a collection's documents. The text fields hold text the caller has
 * already normalised (libs/knowledge's normaliser), so adapters see plain lower-case words.
 */
export interface TextSearch {
  /** Fields searched, each with its weight in the ranking (e.g. title 10, body 1). */
  fields: Record<string, number>;
  /** An AND of groups; a group matches when one of its words is a prefix of a word in a field. */
  groups: string[][];
  /** `all` (default): every group must match; `any`: one is enough (suggestions from a typed question). */
  match?: 'all' | 'any';
  /** A document whose `field` equals `value` exactly ranks before every other (an exact title). */
  exact?: { field: string; value: string };
  /**
   * Fields an adapter may keep beside its index (string or number values) so that `filter` and
   * `exact` need not read each match's document; a hint, the results are the same without it.
   */
  stored?: string[];
  /** Equality conditions on other fields, applied before ranking. */
  filter?: Record<string, string | number | boolean>;
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface SearchHit<T> {
  doc: T;
  /** Higher is better; comparable only within one search. */
  score: number;
}

export interface CountOptions {
  /** Stop counting at this many matches (a positive integer). */
  limit?: number;
}

/** One document's final state in a batch: stored whole under `id`, or deleted when `doc` is null. */
export interface DocWrite<T extends Doc = Doc> {
  id: string;
  doc: T | null;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  /** Keyset (cursor) pagination over `sort`. */
  findPage(filter: Filter, options: PageOptions): Promise<Page<T>>;
  /** How many documents match; with `limit`, counting stops there (at most `limit` is returned). */
  count(filter?: Filter, options?: CountOptions): Promise<number>;
  /** Streams matches in sort order without holding them all in memory. */
  stream(filter: Filter, options?: FindOptions): AsyncIterable<T>;
  insertOne(doc: T): Promise<void>;
  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /**
   * Stores each document whole by its id (inserting or replacing) or deletes it, in order; one
   * statement per write on the embedded store, one bulkWrite on MongoDB. What projections flush.
   */
  writeMany(writes: ReadonlyArray<DocWrite<T>>): Promise<void>;
  /**
   * Idempotent: creates the declared indexes that do not exist yet. With `{ build: false }` it
   * only readies the collection for them, for a load that indexes afterwards (the embedded store
   * adds the columns that hold the indexed fields, so the load fills them as it writes).
   */
  ensureIndexes(indexes: IndexSpec[], options?: EnsureIndexesOptions): Promise<void>;
}

export interface ReadStore {
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  listCollections(): Promise<string[]>;
  dropCollection(name: string): Promise<void>;
  /**
   * Runs `work` atomically where the backend allows it (embedded: always; MongoDB: on a replica
   * set). Collections obtained from `tx` take part in the transaction.
   */
  transaction<R>(work: (tx: ReadStore) => Promise<R>): Promise<R>;
  /** True when `transaction` is really atomic on this deployment. */
  readonly supportsTransactions: boolean;
  /** Ranked full-text search over a collection (embedded: SQLite FTS5; MongoDB: its text index, or a token scan where the server has none). */
  search<T extends Doc = Doc>(collection: string, query: TextSearch): Promise<Page<SearchHit<T>>>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
