import { basename } from 'node:path';

/*
 * With MONGO_URL set (.ci/run runs the contract and e2e suites on FerretDB as well), every app a
 * test starts reads and writes its own database, named after its data directory: no two tests
 * share read models, and a restart on the same data directory finds its own again.
 */

const TEST_PII_MASTER_KEY = 'ab'.repeat(32);

/**
 * `{ MONGO_URL }` for the app on `dataDir`, or nothing on the embedded store. FerretDB on SQLite
 * projects an order of magnitude slower than the embedded store, so reads wait longer for
 * `consistentWith` there (a wait for a condition, not a timing assertion). With MONGO_URL the
 * data keys live in that database and the app requires a configured master key: a test one.
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
