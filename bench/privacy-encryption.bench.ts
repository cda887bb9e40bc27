import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventStore, HashChainingEventStore, SqliteEventStore } from '@helpdesk/event-store';
import { PrivateEventStore, SqliteKeyStore, SubjectKeys } from '@helpdesk/privacy';
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
 * alone). Same run, same sizes; the baseline is encryption off.
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
