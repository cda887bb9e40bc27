import { createWriteStream } from 'node:fs';
import { promises as fs } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import { EventStore } from '@helpdesk/event-store';
import { exportEvents } from '../event-log/event-export';
import {
  BackupFile,
  BackupFileKind,
  BackupManifest,
  DERIVED_DATABASES,
  EVENT_DATABASE,
  KEY_FILES,
  MANIFEST_FILE,
  READ_STORE_CONSISTENCY,
} from './backup-manifest';
import { copyBlobs } from './blob-copy';
import { sha256OfFile } from './file-hash';
import { eventStoreHead, isSqliteHeader, snapshotSqlite } from './sqlite-snapshot';

export interface BackupOptions {
  dataDir: string;
  /** Where the backup goes: created if missing; an earlier backup there is replaced (blobs are kept and only new ones copied). */
  target: string;
  /** The event store when it is a server (EventStoreDB): exported as NDJSON instead of copied. */
  eventServer?: EventStore;
  /** The read store is a server (MongoDB): not in the backup (it is rebuilt from the events). */
  readStoreIsServer?: boolean;
  now?: () => Date;
}

export interface BackupReport {
  manifest: BackupManifest;
  blobs: { copied: number; skipped: number };
}

/**
 * Backs up a DATA_DIR while the helpdesk runs: the derived databases first (read store), then
 * the event store (the source of truth), then any other database, each an online SQLite
 * snapshot; the keys; the blob folder. The manifest (sizes, SHA-256, the event store's head) is
 * written last, so a backup without one is known to be incomplete.
 */
export async function backupDataDir(options: BackupOptions): Promise<BackupReport> {
  const dataDir = resolve(options.dataDir);
  const target = resolve(options.target);
  if (target === dataDir || target.startsWith(`${dataDir}/`)) throw new Error('The backup cannot go inside DATA_DIR.');
  await fs.mkdir(target, { recursive: true, mode: 0o700 });
  await fs.rm(join(target, MANIFEST_FILE), { force: true }); // incomplete until the new one is written
  const files: BackupFile[] = [];
  const add = async (path: string, kind: BackupFileKind) => {
    const full = join(target, path);
    files.push({ path, kind, size: (await fs.stat(full)).size, sha256: await sha256OfFile(full) });
  };

  const databases = await sqliteFilesIn(dataDir);
  const derived = databases.filter((name) => DERIVED_DATABASES.includes(name));
  const others = databases.filter((name) => !DERIVED_DATABASES.includes(name) && name !== EVENT_DATABASE);
  for (const name of derived) {
    await snapshotSqlite(join(dataDir, name), join(target, name));
    await add(name, name === 'read.db' ? 'read-store' : 'database');
  }

  let eventStore: BackupManifest['eventStore'];
  if (options.eventServer) {
    const file = 'events.ndjson';
    const out = createWriteStream(join(target, file), { mode: 0o600 });
    const exported = await exportEvents(options.eventServer, out);
    out.end();
    await finished(out);
    await add(file, 'event-store');
    eventStore = { file, head: exported.lastPosition.toString(), events: exported.events };
  } else {
    if (!databases.includes(EVENT_DATABASE)) throw new Error(`No event store in ${dataDir} (${EVENT_DATABASE} is missing).`);
    await snapshotSqlite(join(dataDir, EVENT_DATABASE), join(target, EVENT_DATABASE));
    const { head, events } = eventStoreHead(join(target, EVENT_DATABASE));
    await add(EVENT_DATABASE, 'event-store');
    eventStore = { file: EVENT_DATABASE, head: head.toString(), events };
  }

  for (const name of others) {
    await snapshotSqlite(join(dataDir, name), join(target, name));
    await add(name, 'database');
  }
  for (const name of KEY_FILES) {
    const bytes = await fs.readFile(join(dataDir, name)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (!bytes) continue;
    await fs.writeFile(join(target, name), bytes, { mode: 0o600 });
    await add(name, 'key');
  }
  const blobs = await copyBlobs(join(dataDir, 'blobs'), join(target, 'blobs'));
  files.push(...blobs.files);

  const manifest: BackupManifest = {
    format: 'helpdesk-backup',
    version: 1,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    source: { dataDir, eventStore: options.eventServer ? 'server' : 'embedded', readStore: options.readStoreIsServer ? 'server' : 'embedded' },
    eventStore,
    readStore: derived.includes('read.db')
      ? { file: 'read.db', consistency: READ_STORE_CONSISTENCY }
      : { file: null, consistency: options.readStoreIsServer ? 'not in the backup: the read store is a server (MongoDB); read models are rebuilt from the events (`rebuild all`)' : 'no read store in DATA_DIR' },
    files,
  };
  const partial = join(target, `${MANIFEST_FILE}.partial`);
  await fs.writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(partial, join(target, MANIFEST_FILE));
  return { manifest, blobs: { copied: blobs.copied, skipped: blobs.skipped } };
}

/** Names of the SQLite databases directly under `dir` (by their header, not their name). */
async function sqliteFilesIn(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (!entry.isFile() || /-(wal|shm|journal)$/.test(entry.name)) continue;
    const handle = await fs.open(join(dir, entry.name), 'r');
    try {
      const header = Buffer.alloc(16);
      const { bytesRead } = await handle.read(header, 0, 16, 0);
      if (isSqliteHeader(header.subarray(0, bytesRead))) names.push(entry.name);
    } finally {
      await handle.close();
    }
  }
  return names.sort();
}
