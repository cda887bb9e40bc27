import { join } from 'node:path';
import { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { HashChainingEventStore } from './hash-chain/hash-chaining-event-store';

export interface EventStoreConfig {
  /** EventStoreDB connection string; without it, the embedded SQLite store in `dataDir`. */
  eventStoreUrl?: string;
  dataDir: string;
  synchronous?: 'FULL' | 'NORMAL';
}

/** The configured store, with every stream hash-chained for tamper evidence. */
export function createEventStore(config: EventStoreConfig): EventStore {
  return new HashChainingEventStore(createAdapter(config));
}

function createAdapter(config: EventStoreConfig): EventStore {
  if (config.eventStoreUrl) {
    // Required lazily: the embedded default never loads the gRPC client.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EsdbEventStore } = require('./esdb-event-store') as typeof import('./esdb-event-store');
    return EsdbEventStore.connect(config.eventStoreUrl);
  }
  return new SqliteEventStore(join(config.dataDir, 'events.db'), { synchronous: config.synchronous });
}
