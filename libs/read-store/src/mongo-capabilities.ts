import { randomUUID } from 'node:crypto';
import type { Collection, Db, Document, MongoClient } from 'mongodb';
import type { ReadStoreCapabilities } from './read-store-capabilities';

/**
 * Asks the server what it offers instead of trusting `hello` alone: FerretDB, for one, can
 * claim a replica set name yet runs the writes of a "transaction" one by one and then fails on
 * commitTransaction. Each probe works on a scratch collection dropped afterwards.
 */
export async function probeCapabilities(client: MongoClient, db: Db): Promise<Omit<ReadStoreCapabilities, 'mode'>> {
  const hello = await db.admin().command({ hello: 1 });
  const replicated = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
  const scratch = db.collection<{ _id: string; words?: string }>(`_capability_probe_${randomUUID().slice(0, 8)}`);
  try {
    // Created outside any transaction: servers before 4.4 cannot create collections inside one.
    await scratch.insertOne({ _id: 'seed', words: 'capability probe' });
    return {
      backend: 'mongodb',
      server: await serverName(db),
      replicated,
      transactions: replicated && (await probeTransactions(client, scratch)),
      changeStreams: await probeChangeStreams(db, scratch.collectionName),
      textSearch: await probeTextSearch(scratch),
      nestedArrays: await scratch.insertOne({ _id: 'nested', matrix: [[1]] } as never).then(() => true, () => false),
      atomicUpdates: await probeAtomicUpdates(scratch),
    };
  } finally {
    await scratch.drop().catch(() => undefined);
  }
}

async function serverName(db: Db): Promise<string> {
  const info: Document = await db.admin().command({ buildInfo: 1 }).catch(() => ({}));
  if (typeof info.ferretdbVersion === 'string') return `FerretDB ${info.ferretdbVersion}`;
  return typeof info.version === 'string' ? `MongoDB ${info.version}` : 'MongoDB (version unknown)';
}

/** A committed transaction is visible and an aborted one left nothing: both, or no transactions. */
async function probeTransactions(client: MongoClient, scratch: Collection<{ _id: string }>): Promise<boolean> {
  const session = client.startSession();
  try {
    session.startTransaction();
    await scratch.insertOne({ _id: 'aborted' }, { session });
    await session.abortTransaction();
    session.startTransaction();
    await scratch.insertOne({ _id: 'committed' }, { session });
    await session.commitTransaction();
    const [aborted, committed] = await Promise.all([scratch.findOne({ _id: 'aborted' }), scratch.findOne({ _id: 'committed' })]);
    return aborted === null && committed !== null;
  } catch {
    if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
    return false;
  } finally {
    await session.endSession().catch(() => undefined);
  }
}

const ATOMICITY_ROUNDS = 20;

/**
 * Two concurrent `$set`s on different fields of one document both survive. FerretDB 1.24 on
 * SQLite reads, modifies and writes the whole document, so one of two concurrent updates is
 * often lost (measured: 182 of 200 rounds); MongoDB never loses one. Any loss in a few rounds
 * is taken as no atomicity.
 */
async function probeAtomicUpdates(scratch: Collection<{ _id: string }>): Promise<boolean> {
  const probe = scratch as unknown as Collection<{ _id: string; a?: number; b?: number }>;
  for (let round = 0; round < ATOMICITY_ROUNDS; round++) {
    await probe.replaceOne({ _id: 'atomic' }, { a: -1, b: -1 }, { upsert: true });
    await Promise.all([probe.updateOne({ _id: 'atomic' }, { $set: { a: round } }), probe.updateOne({ _id: 'atomic' }, { $set: { b: round } })]);
    const doc = await probe.findOne({ _id: 'atomic' });
    if (doc?.a !== round || doc?.b !== round) return false;
  }
  return true;
}

async function probeChangeStreams(db: Db, collection: string): Promise<boolean> {
  try {
    const opened = await db.command({ aggregate: collection, pipeline: [{ $changeStream: {} }], cursor: {} });
    const id = opened.cursor?.id;
    if (id && !(typeof id === 'number' && id === 0)) await db.command({ killCursors: collection, cursors: [id] }).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

async function probeTextSearch(scratch: Collection<{ _id: string; words?: string }>): Promise<boolean> {
  try {
    await scratch.createIndex({ words: 'text' }, { name: 'probe_text' });
    const found = await scratch.find({ $text: { $search: 'probe' } }).toArray();
    return found.length === 1;
  } catch {
    return false;
  }
}
