import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { BenchConfig } from './config';
import { seedFeed } from './seed-feed';
import { now } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

/** The CLI's rebuild batch size (apps/cli/src/cli-context.ts). */
const REBUILD_BATCH = 2000;

/**
 * 3. Projection rebuild: a feed of realistic ticket events (real decider, one append per
 * command, tickets interleaved), then `engine.rebuild(name)` for every projection in turn, as
 * `npm run cli -- rebuild all` does. Baseline: a raw scan of the events table (SELECT every row,
 * JSON.parse data and metadata) with better-sqlite3.
 */
export async function projectionRebuild(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('rebuild');
  try {
    const eventsFile = join(dir.path, 'events.db');
    // Seeding only: NORMAL skips the per-commit fsync; the file is the same either way.
    const events = new SqliteEventStore(eventsFile, { synchronous: 'NORMAL' });
    const seedStart = now();
    const seeded = await seedFeed(events, config.rebuildEvents);
    const seedSeconds = (now() - seedStart) / 1000;

    rawScan(eventsFile); // warm the page cache the same way for both
    const scan = rawScan(eventsFile);
    const scanRate = scan.events / (scan.ms / 1000);

    const store = new SqliteReadStore(join(dir.path, 'read.db'));
    const engine = new ProjectionEngine(events, store, allProjections(), { batchSize: REBUILD_BATCH });
    const rows: Measurement[] = [];
    try {
      for (const projection of engine.projections) {
        let applied = 0;
        const start = now();
        await engine.rebuild(projection.name, ({ events: n }) => (applied = n));
        const seconds = (now() - start) / 1000;
        rows.push({
          benchmark: `projection rebuild: ${projection.name}`,
          figure: applied / seconds,
          unit: 'events/s',
          baseline: 'raw scan of events table (SELECT * + JSON.parse)',
          baselineFigure: scanRate,
          target: { atLeast: 100_000 },
          notes: `${applied} events in ${seconds.toFixed(2)} s, live batch ${REBUILD_BATCH}, rebuild batches of 10,000 (the engine's default)` + (applied !== scan.events ? ` (feed holds ${scan.events})` : ''),
        });
      }
    } finally {
      await store.close();
      await events.close();
    }
    rows[0].notes +=
      `; feed: ${seeded.events} events, ${seeded.appends} appends, ${seeded.tickets} tickets (seeded in ${seedSeconds.toFixed(1)} s); ` +
      `raw scan ${scan.events} rows in ${scan.ms.toFixed(0)} ms`;
    return rows;
  } finally {
    dir.remove();
  }
}

function rawScan(file: string): { events: number; ms: number } {
  const db = new Database(file, { readonly: true });
  try {
    const start = now();
    let events = 0;
    let check = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<{ data: string; metadata: string }>) {
      const data = JSON.parse(row.data);
      const metadata = JSON.parse(row.metadata);
      if (data && metadata) check++;
      events++;
    }
    const ms = now() - start;
    if (check !== events) throw new Error('raw scan lost rows');
    return { events, ms };
  } finally {
    db.close();
  }
}
