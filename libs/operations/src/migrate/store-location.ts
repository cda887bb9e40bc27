import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@helpdesk/event-store';
import { ReadStore, SqliteReadStore } from '@helpdesk/read-store';

/**
 * Where a store lives, as the ops commands accept it: a server URL (esdb:// / kurrentdb:// for
 * events, mongodb:// for documents), `sqlite:<file>` for one embedded file, or a directory for
 * the embedded files a DATA_DIR holds (`events.db`, `read.db`).
 */
export type StoreLocation = { kind: 'server'; url: string } | { kind: 'sqlite'; file: string; dataDir?: string };

const EVENT_SERVER = /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//i;
const DOCUMENT_SERVER = /^mongodb(\+srv)?:\/\//i;

export function eventStoreLocation(spec: string): StoreLocation {
  if (EVENT_SERVER.test(spec)) return { kind: 'server', url: spec };
  return embedded(spec, 'events.db', 'event store');
}

export function readStoreLocation(spec: string): StoreLocation {
  if (DOCUMENT_SERVER.test(spec)) return { kind: 'server', url: spec };
  return embedded(spec, 'read.db', 'read store');
}

function embedded(spec: string, file: string, what: string): StoreLocation {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new Error(`sqlite: needs a file path for the ${what}`);
    return { kind: 'sqlite', file: path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new Error(`"${spec}" names no ${what} this helpdesk knows (a server URL, a directory, or sqlite:<file>)`);
  return { kind: 'sqlite', file: join(spec, file), dataDir: spec };
}

export function describeLocation(location: StoreLocation): string {
  return location.kind === 'server' ? location.url.replace(/\/\/[^@/]*@/, '//***@') : location.file;
}

/**
 * The adapter itself, without the hash-chaining decorator: a copy must keep each event's chain
 * link as recorded, not compute a new one (which would hide a broken source chain).
 */
export function openRawEventStore(location: StoreLocation, options: { synchronous?: 'FULL' | 'NORMAL' } = {}): EventStore {
  if (location.kind === 'sqlite') return new SqliteEventStore(location.file, { synchronous: options.synchronous });
  // Required lazily, as the app does, so the embedded default never loads the gRPC client (the
  // package index does not export the adapter for that reason; hence the relative path).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EsdbEventStore } = require('../../../event-store/src/esdb-event-store') as typeof import('../../../event-store/src/esdb-event-store');
  return EsdbEventStore.connect(location.url);
}

export async function openReadStore(location: StoreLocation): Promise<ReadStore> {
  if (location.kind === 'sqlite') return new SqliteReadStore(location.file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoReadStore } = require('../../../read-store/src/mongo-read-store') as typeof import('../../../read-store/src/mongo-read-store');
  return MongoReadStore.connect(location.url);
}
