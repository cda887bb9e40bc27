import { MongoClient, MongoServerError } from 'mongodb';
import type { AnyBulkWriteOperation, ClientSession, Collection as DriverCollection, Db, FindCursor, UpdateFilter, UpdateResult as DriverUpdateResult } from 'mongodb';
import { probeCapabilities } from './mongo-capabilities';
import { AsyncMutex } from './async-mutex';
import { countLimit } from './count-limit';
import { mongoSearch } from './mongo-search';
import { unwrapNestedArrays, wrapNestedArrays, wrapUpdate } from './nested-arrays';
import type { ReadStoreCapabilities } from './read-store-capabilities';
import { DuplicateKeyError, InvalidCursorError, UnsupportedFilterError } from './read-store.errors';
import type { Collection, CountOptions, Doc, DocWrite, EnsureIndexesOptions, Filter, FindOptions, IndexSpec, Page, PageOptions, ReadStore, SearchHit, Sort, TextSearch, Update, UpdateResult } from './read-store.port';

const DEFAULT_DB_NAME = 'helpdesk';
const NAMESPACE_NOT_FOUND = 26;
const DUPLICATE_KEY = 11000;
const FILTER_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);
const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$setOnInsert']);

type SortKeys = Array<[path: string, direction: 1 | -1]>;

export interface MongoConnectOptions {
  dbName?: string;
  /** `auto` (default): use transactions when the probe finds them; `off`: never (guarded mode). */
  transactions?: 'auto' | 'off';
}

/**
 * Read store on MongoDB or a server speaking its protocol (FerretDB, DocumentDB, Cosmos DB).
 * What the server offers is probed at connect (`capabilities`); transactions are used only
 * where a probe transaction really committed and a probe abort really rolled back.
 */
export class MongoReadStore implements ReadStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    readonly capabilities: ReadStoreCapabilities,
    /** Set on the view handed to `transaction` work. */
    private readonly session?: ClientSession,
    /** Where the server's updates are not atomic, every write of this process takes it in turn. */
    private readonly writes: AsyncMutex | undefined = capabilities.atomicUpdates ? undefined : new AsyncMutex(),
  ) {}

  get supportsTransactions(): boolean {
    return this.capabilities.mode === 'transactional';
  }

  static async connect(url: string, options: MongoConnectOptions = {}): Promise<MongoReadStore> {
    const client = await MongoClient.connect(url);
    try {
      const db = client.db(options.dbName ?? dbNameFromUrl(url) ?? DEFAULT_DB_NAME);
      const found = await probeCapabilities(client, db);
      const transactional = found.transactions && options.transactions !== 'off';
      return new MongoReadStore(client, db, { ...found, mode: transactional ? 'transactional' : 'guarded' });
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    return new MongoCollection<T>(name, this.db.collection<Doc>(name), !this.capabilities.nestedArrays, this.session, this.writes);
  }

  // listCollections and drop are not allowed inside a MongoDB transaction, so they never take the session.
  async listCollections(): Promise<string[]> {
    const infos = await this.db.listCollections({}, { nameOnly: true }).toArray();
    return infos.map((info) => info.name).filter((name) => !name.startsWith('system.'));
  }

  async dropCollection(name: string): Promise<void> {
    try {
      await this.db.dropCollection(name);
    } catch (error) {
      // Servers before 7.0 fail with "ns not found" when the collection does not exist.
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND)) throw error;
    }
  }

  async transaction<R>(work: (tx: ReadStore) => Promise<R>): Promise<R> {
    if (this.session || !this.supportsTransactions) return work(this);
    const session = this.client.startSession();
    try {
      // withTransaction re-runs `work` on transient errors (write conflicts), so it must be re-runnable.
      return await session.withTransaction(() => work(new MongoReadStore(this.client, this.db, this.capabilities, session, this.writes)));
    } finally {
      await session.endSession();
    }
  }

  /** Text index where the server has one, a prefix scan where not (FerretDB): see mongo-search.ts. */
  search<T extends Doc = Doc>(collection: string, query: TextSearch): Promise<Page<SearchHit<T>>> {
    return mongoSearch<T>(this.db, collection, query, this.capabilities);
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

class MongoCollection<T extends Doc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly coll: DriverCollection<Doc>,
    /** The server stores no arrays inside arrays: wrap them on the way in, unwrap on the way out. */
    private readonly wrapArrays: boolean,
    private readonly session?: ClientSession,
    private readonly writes?: AsyncMutex,
  ) {}

  private write<R>(operation: () => Promise<R>): Promise<R> {
    return this.writes ? this.writes.run(operation) : operation();
  }

  async findOne(filter: Filter): Promise<T | null> {
    return this.out((await this.coll.findOne(checkFilter(filter), { session: this.session })) as T | null);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.out((await this.cursor(filter, options).toArray()) as T[]);
  }

  private out<R>(value: R): R {
    return this.wrapArrays ? unwrapNestedArrays(value) : value;
  }

  private in<R>(value: R): R {
    return this.wrapArrays ? wrapNestedArrays(value) : value;
  }

  async findPage(filter: Filter, { sort, limit, cursor }: PageOptions): Promise<Page<T>> {
    const keys: SortKeys = Object.entries(withTieBreaker(sort));
    let query = checkFilter(filter);
    if (cursor !== undefined) {
      const after = afterCursor(keys, decodeCursor(cursor, keys));
      query = Object.keys(query).length === 0 ? after : { $and: [query, after] };
    }
    // One extra document tells whether another page follows.
    const docs = await this.find(query, { sort, limit: limit + 1 });
    const items = docs.slice(0, limit);
    const last = items.at(-1);
    if (docs.length <= limit || !last) return { items };
    return { items, nextCursor: encodeCursor(keys.map(([path]) => valueAt(last, path))) };
  }

  async count(filter: Filter = {}, options: CountOptions = {}): Promise<number> {
    const limit = options.limit === undefined ? {} : { limit: countLimit(options.limit) };
    return this.coll.countDocuments(checkFilter(filter), { session: this.session, ...limit });
  }

  stream(filter: Filter, options: FindOptions = {}): AsyncIterable<T> {
    const cursor = this.cursor(filter, options);
    const out = (doc: Doc) => this.out(doc as T);
    return (async function* () {
      // Leaving the loop early closes the driver cursor.
      for await (const doc of cursor) yield out(doc);
    })();
  }

  async insertOne(doc: T): Promise<void> {
    await this.write(() => duplicateKeys(this.coll.insertOne(this.in(doc), { session: this.session })));
  }

  async replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return toUpdateResult(await this.write(() => duplicateKeys(this.coll.replaceOne(checkFilter(filter), this.in(doc), { upsert: options.upsert, session: this.session }))));
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const result = await this.write(() => duplicateKeys(this.coll.updateOne(checkFilter(filter), this.update(update), { upsert: options.upsert, session: this.session })));
    return toUpdateResult(result);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return toUpdateResult(await this.write(() => duplicateKeys(this.coll.updateMany(checkFilter(filter), this.update(update), { session: this.session }))));
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.write(() => this.coll.deleteOne(checkFilter(filter), { session: this.session }))).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.write(() => this.coll.deleteMany(checkFilter(filter), { session: this.session }))).deletedCount;
  }

  async writeMany(writes: ReadonlyArray<DocWrite<T>>): Promise<void> {
    if (writes.length === 0) return;
    const operations = writes.map(({ id, doc }): AnyBulkWriteOperation<Doc> =>
      doc ? { replaceOne: { filter: { _id: id }, replacement: this.in({ ...doc, _id: id }), upsert: true } } : { deleteOne: { filter: { _id: id } } },
    );
    // Ordered, so two writes of one id (which a caller should not send) still end as the last says.
    await this.write(() => duplicateKeys(this.coll.bulkWrite(operations, { ordered: true, session: this.session })));
  }

  // Index builds are DDL, which MongoDB restricts inside transactions, so no session here.
  // Only the indexes not there yet are sent: MongoDB takes a repeat as a no-op, but FerretDB
  // 1.24 panics on some repeats (compound and unique ones) and drops the connection.
  async ensureIndexes(indexes: IndexSpec[], options: EnsureIndexesOptions = {}): Promise<void> {
    if (indexes.length === 0 || options.build === false) return;
    const existing = new Set((await this.existingIndexes()).map((index) => index.name));
    const missing = indexes.filter((spec) => !existing.has(spec.name));
    if (missing.length === 0) return;
    await this.coll.createIndexes(missing.map((spec) => ({ name: spec.name, key: new Map(spec.keys), ...(spec.unique ? { unique: true } : {}) })));
  }

  private async existingIndexes(): Promise<Array<{ name: string }>> {
    try {
      return (await this.coll.listIndexes().toArray()) as Array<{ name: string }>;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
      throw error;
    }
  }

  private update(update: Update): UpdateFilter<Doc> {
    const checked = checkUpdate(update);
    return this.wrapArrays ? wrapUpdate(checked as Record<string, unknown>) : checked;
  }

  private cursor(filter: Filter, { sort, limit, skip }: FindOptions): FindCursor<Doc> {
    return this.coll.find(checkFilter(filter), { sort: withTieBreaker(sort ?? {}), limit, skip, session: this.session });
  }
}

function dbNameFromUrl(url: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

/** The port's DuplicateKeyError for an `_id` or unique key already taken, as the embedded store throws. */
async function duplicateKeys<R>(operation: Promise<R>): Promise<R> {
  try {
    return await operation;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) throw Object.assign(new DuplicateKeyError(error.message), { cause: error });
    throw error;
  }
}

function withTieBreaker(sort: Sort): Sort {
  return Object.hasOwn(sort, '_id') ? sort : { ...sort, _id: 1 };
}

function toUpdateResult(result: DriverUpdateResult): UpdateResult {
  const upserted = result.upsertedId === null || result.upsertedId === undefined ? {} : { upsertedId: String(result.upsertedId) };
  return { matched: result.matchedCount, modified: result.modifiedCount, ...upserted };
}

// ---- keyset pagination ----

function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string, keys: SortKeys): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const idIndex = keys.findIndex(([path]) => path === '_id');
  const valid =
    Array.isArray(values) &&
    values.length === keys.length &&
    values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v)) &&
    typeof values[idIndex] === 'string';
  if (!valid) throw new InvalidCursorError();
  return values as unknown[];
}

function valueAt(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

/** Documents strictly after `values` in `keys` order: equal on keys before i, after on key i. */
function afterCursor(keys: SortKeys, values: unknown[]): Filter {
  const branches: Filter[] = [];
  keys.forEach(([path, direction], i) => {
    const after = strictlyAfter(path, direction, values[i]);
    if (after) branches.push({ $and: [...keys.slice(0, i).map(([p], j) => equalTo(p, values[j])), after] });
  });
  return { $or: branches };
}

// Cursor values always sit under an operator, so a forged cursor cannot inject a query operator.
function equalTo(path: string, value: unknown): Filter {
  return value === null ? { [path]: null } : { [path]: { $eq: value } };
}

// MongoDB sorts null and missing before every other value: first ascending, last descending.
function strictlyAfter(path: string, direction: 1 | -1, value: unknown): Filter | undefined {
  if (direction === 1) return value === null ? { [path]: { $ne: null } } : { [path]: { $gt: value } };
  return value === null ? undefined : { $or: [{ [path]: { $lt: value } }, { [path]: null }] };
}

// ---- the operator subset both adapters implement ----

function checkFilter(filter: Filter): Filter {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw new UnsupportedFilterError(`${key} takes an array of filters`);
      value.forEach((sub) => checkFilter(sub as Filter));
    } else if (key.startsWith('$')) {
      throw new UnsupportedFilterError(`Unsupported filter operator ${key}`);
    } else if (value instanceof RegExp) {
      throw new UnsupportedFilterError(`Unsupported regular expression filter on ${key}`);
    } else if (isPlainObject(value)) {
      const operator = Object.keys(value).find((op) => op.startsWith('$') && !FILTER_OPERATORS.has(op));
      if (operator) throw new UnsupportedFilterError(`Unsupported filter operator ${operator}`);
      const nullRange = ['$gt', '$gte', '$lt', '$lte'].find((op) => op in value && value[op] === null);
      // Same refusal as the embedded adapter: implementations disagree on $gte null and missing fields.
      if (nullRange) throw new UnsupportedFilterError(`${nullRange} null is not supported: compare with null by equality or $exists`);
    }
  }
  return filter;
}

/** Validates and narrows to the driver's type, whose per-field typing our loose `Update` cannot satisfy. */
function checkUpdate(update: Update): UpdateFilter<Doc> {
  for (const [operator, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(operator)) throw new UnsupportedFilterError(`Unsupported update operator ${operator}`);
    if (operator !== '$push' || !isPlainObject(fields)) continue;
    for (const value of Object.values(fields)) {
      const modifier = isPlainObject(value) ? Object.keys(value).find((k) => k.startsWith('$') && k !== '$each') : undefined;
      if (modifier) throw new UnsupportedFilterError(`Unsupported $push modifier ${modifier}`);
    }
  }
  return update as UpdateFilter<Doc>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
