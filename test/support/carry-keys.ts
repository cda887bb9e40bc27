import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { databaseFor, mongoEnv } from './mongo-env';

/** The MongoDB key store's collections (libs/privacy/src/mongo-key-store.ts). */
const KEY_COLLECTIONS = ['privacy_meta', 'privacy_subjects', 'privacy_keys', 'privacy_shredded', 'privacy_blob_keys'];

/**
 * Gives `to` the data keys of `from`, as an operator moving a log to another DATA_DIR must: the
 * log's personal fields open only with them. On the embedded default they are DATA_DIR/keys.db and
 * the PII master key file; with MONGO_URL set each app's key store is its own database (the
 * master key is the tests' configured one, the same for every app).
 */
export async function carryDataKeys(from: string, to: string): Promise<void> {
  const mongoUrl = mongoEnv(from).MONGO_URL;
  if (mongoUrl) return carryMongoKeys(mongoUrl, databaseFor(from), databaseFor(to));
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(to, `keys.db${suffix}`), { force: true });
  const db = new Database(join(from, 'keys.db'), { readonly: true });
  try {
    await db.backup(join(to, 'keys.db'));
  } finally {
    db.close();
  }
  copyFileSync(join(from, 'pii-master-key'), join(to, 'pii-master-key'));
}

async function carryMongoKeys(url: string, from: string, to: string): Promise<void> {
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(url);
  try {
    for (const name of KEY_COLLECTIONS) {
      const docs = await client.db(from).collection(name).find({}).toArray();
      const target = client.db(to).collection(name);
      await target.deleteMany({});
      if (docs.length > 0) await target.insertMany(docs);
    }
  } finally {
    await client.close();
  }
}
