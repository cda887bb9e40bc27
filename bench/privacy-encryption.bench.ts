import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventStore, HashChainingEventStore, SqliteEventStore } from '@helpdesk/event-store';
import { BlobStore, FileBlobStore } from '@helpdesk/blob-store';
import { PrivateEventStore, SealedBlobStore, SqliteKeyStore, SubjectKeys } from '@helpdesk/privacy';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { SqliteReadStore } from '@helpdesk/read-store';
import { BenchConfig } from './config';
import { seedFeed } from './seed-feed';
import { now } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

/**
 * Personal data encryption: the same feed of realistic ticket lives appended, then the tickets
 * projection rebuilt, through the app's stack with encryption (PrivateEventStore over the
 * hash-chaining store, data keys in DATA_DIR/keys.db) and without it (the hash-chaining store
 * alone). Same run, same sizes; the baseline is encryption off. Then attachments: files stored
 * and read back through the sealed blob store, beside the file blob store alone.
 */
export async function privacyEncryption(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('privacy');
  const events = Math.max(2000, Math.round(config.rebuildEvents / 5));
  try {
    const off = await measure(join(dir.path, 'off'), events, false);
    const on = await measure(join(dir.path, 'on'), events, true);
    return [
      {
        benchmark: 'appends with personal fields encrypted (seeded ticket lives)',
        figure: on.appendEventsPerSecond,
        unit: 'events/s',
        baseline: 'the same appends, encryption off',
        baselineFigure: off.appendEventsPerSecond,
        target: { ratioAtLeast: 0.7 },
        notes: `${on.events} events in ${on.appends} appends, ${on.tickets} tickets (a data key pair per ticket); synchronous=NORMAL`,
      },
      {
        benchmark: 'rebuild of the tickets projection, fields decrypted',
        figure: on.rebuildEventsPerSecond,
        unit: 'events/s',
        baseline: 'the same rebuild, encryption off',
        baselineFigure: off.rebuildEventsPerSecond,
        target: { ratioAtLeast: 0.7 },
        notes: `${on.events} events; keys cached in memory after first use`,
      },
      ...(await blobFigures(join(dir.path, 'blobs'))),
    ];
  } finally {
    dir.remove();
  }
}

async function measure(path: string, target: number, encrypted: boolean) {
  const chained = new HashChainingEventStore(new SqliteEventStore(join(path, 'events.db'), { synchronous: 'NORMAL' }));
  const keyStore = new SqliteKeyStore(join(path, 'keys.db'));
  const store: EventStore = encrypted ? new PrivateEventStore(chained, await SubjectKeys.open(keyStore, randomBytes(32))) : chained;
  try {
    let started = now();
    const seeded = await seedFeed(store, target);
    const appendMs = now() - started;
    const read = new SqliteReadStore(join(path, 'read.db'));
    const engine = new ProjectionEngine(store, read, allProjections(), { batchSize: 2000 });
    started = now();
    await engine.rebuild('tickets');
    const rebuildMs = now() - started;
    await read.close();
    return { ...seeded, appendEventsPerSecond: (seeded.events * 1000) / appendMs, rebuildEventsPerSecond: (seeded.events * 1000) / rebuildMs };
  } finally {
    await chained.close();
    await keyStore.close();
  }
}

const BLOB_COUNT = 200;
const BLOB_BYTES = 256 * 1024;

/** Attachments of 256 KB each, stored then read back, sealed (a key per blob in keys.db) and plain. */
async function blobFigures(path: string): Promise<Measurement[]> {
  const files = Array.from({ length: BLOB_COUNT }, () => randomBytes(BLOB_BYTES));
  const plain = await measureBlobs(new FileBlobStore(join(path, 'plain')), files);
  const keyStore = new SqliteKeyStore(join(path, 'keys.db'));
  try {
    const sealed = await measureBlobs(new SealedBlobStore(new FileBlobStore(join(path, 'sealed')), await SubjectKeys.open(keyStore, randomBytes(32))), files);
    const described = `${BLOB_COUNT} files of ${BLOB_BYTES / 1024} KB`;
    return [
      {
        benchmark: 'attachments stored, sealed at rest',
        figure: sealed.putsPerSecond,
        unit: 'files/s',
        baseline: 'the same files, stored plain',
        baselineFigure: plain.putsPerSecond,
        target: { ratioAtLeast: 0.5 },
        notes: `${described}; each put fsyncs its file, and sealed also writes its key to keys.db`,
      },
      {
        benchmark: 'attachments read back, opened',
        figure: sealed.getsPerSecond,
        unit: 'files/s',
        baseline: 'the same files, read plain',
        baselineFigure: plain.getsPerSecond,
        // A plain read is one page-cached readFile; a sealed one adds a key lookup and AES-GCM over every byte.
        target: { ratioAtLeast: 0.3 },
        notes: `${described}, from the page cache; sealed adds a key lookup in keys.db and AES-256-GCM over the bytes`,
      },
    ];
  } finally {
    await keyStore.close();
  }
}

async function measureBlobs(store: BlobStore, files: Buffer[]) {
  let started = now();
  const addresses: string[] = [];
  for (const f of files) addresses.push((await store.put(f)).sha256);
  const putMs = now() - started;
  started = now();
  for (const a of addresses) if (!(await store.get(a))) throw new Error(`blob ${a} did not come back`);
  const getMs = now() - started;
  await store.close();
  return { putsPerSecond: (files.length * 1000) / putMs, getsPerSecond: (files.length * 1000) / getMs };
}
