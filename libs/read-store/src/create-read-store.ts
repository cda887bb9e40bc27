import { join } from 'node:path';
import { capabilitiesOf, describeCapabilities } from './read-store-capabilities';
import { ReadStore } from './read-store.port';
import { SqliteReadStore } from './sqlite-read-store';

export interface ReadStoreConfig {
  /** MongoDB connection string; without it, the embedded SQLite store in `dataDir`. */
  mongoUrl?: string;
  dataDir: string;
  /** Told the mode the store runs in, once connected (the probed capabilities). */
  log?: (line: string) => void;
}

export async function createReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  const store = await open(config);
  config.log?.(describeCapabilities(capabilitiesOf(store)));
  return store;
}

async function open(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.mongoUrl) {
    // Required lazily: the embedded default never loads the MongoDB driver.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MongoReadStore } = require('./mongo-read-store') as typeof import('./mongo-read-store');
    return MongoReadStore.connect(config.mongoUrl);
  }
  return new SqliteReadStore(join(config.dataDir, 'read.db'));
}
