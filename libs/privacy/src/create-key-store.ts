import { join } from 'node:path';
import { KeyStore } from './key-store.port';
import { SqliteKeyStore } from './sqlite-key-store';

export const KEY_STORE_FILE = 'keys.db';

/** The configuration chooses, as for the read store: a MongoDB collection with MONGO_URL, else DATA_DIR/keys.db. */
export async function createKeyStore(config: { mongoUrl?: string; dataDir: string }): Promise<KeyStore> {
  if (config.mongoUrl) {
    // Required lazily: the embedded default never loads the MongoDB driver.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MongoKeyStore } = require('./mongo-key-store') as typeof import('./mongo-key-store');
    return MongoKeyStore.connect(config.mongoUrl);
  }
  return new SqliteKeyStore(join(config.dataDir, KEY_STORE_FILE));
}
