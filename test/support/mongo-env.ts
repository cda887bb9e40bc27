import { basename, join } from 'node:path';
import { ReadStore, SqliteReadStore } from '@helpdesk/read-store';

/*
 * With MONGO_URL set (.ci/run runs the contract and e2e suites on FerretDB as well), every app a
 * test starts reads and writes its own database, named after its data directory: no two tests
 * share read models, and a restart on the same data directory finds its own again.
 */

const TEST_PII_MASTER_KEY = 'ab'.repeat(32);

/**
 * `{ MONGO_URL }` for the app on `dataDir`, or nothing on the embedded store. FerretDB on SQLite
 * projects one to two orders of magnitude slower than the embedded store (on a busy two-core
 * machine 100 events took 17-66 s, more as the collections grow: its SQLite backend pushes few
 * filters down), so reads wait the longest the settings allow for `consistentWith` there (a wait
 * for a condition, not a timing assertion); tests that write faster than that retry the 503
 * as its Retry-After asks (`retryWhileBehind`).
 * With MONGO_URL the data keys live in that database and the app requires a configured master
 * key: a test one.
 */
export function mongoEnv(dataDir: string): Record<string, string> {
  const base = process.env.MONGO_URL;
  return base ? { MONGO_URL: withDatabase(base, databaseFor(dataDir)), CONSISTENCY_WAIT_MS: '30000', PII_MASTER_KEY: TEST_PII_MASTER_KEY } : {};
}

export function databaseFor(dataDir: string): string {
  return `hd_${basename(dataDir).replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 60);
}

function withDatabase(url: string, db: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`MONGO_URL is not a mongodb:// connection string: ${url}`);
  return `${match[1]}/${db}${match[2] ?? ''}`;
}

/** Drops the database of the app on `dataDir` (a no-op on the embedded store). */
export async function dropMongoDatabase(dataDir: string): Promise<void> {
  const env = mongoEnv(dataDir);
  if (!env.MONGO_URL) return;
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(env.MONGO_URL);
  try {
    await client.db(databaseFor(dataDir)).dropDatabase();
  } finally {
    await client.close();
  }
}

/**
 * The read store the app (or a CLI given `cliEnv(dataDir)`) on `dataDir` uses, through the read
 * store port: its own MongoDB database with MONGO_URL set, else `read.db` in the directory.
 */
export async function openReadStoreOf(dataDir: string): Promise<ReadStore> {
  const env = mongoEnv(dataDir);
  if (!env.MONGO_URL) return new SqliteReadStore(join(dataDir, 'read.db'));
  // Loaded lazily, as the app does (the package index does not export the adapter).
  const { MongoReadStore } = await import('../../libs/read-store/src/mongo-read-store');
  return MongoReadStore.connect(env.MONGO_URL);
}

/** The environment for a CLI run on `dataDir`: the same stores the test app on it uses. */
export function cliEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, ...mongoEnv(dataDir), ...extra };
}
