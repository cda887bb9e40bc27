import Database from 'better-sqlite3';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEventStore } from '@helpdesk/event-store';
import { SqliteReadStore } from '@helpdesk/read-store';
import { buildApps, cliEntry } from '../support/build-once';
import { killHard } from '../support/api-process';
import { readModelSnapshot } from '../support/read-model-snapshot';
import { seedTickets } from '../support/seed-tickets';
import { tempDataDir } from '../support/test-app';

jest.setTimeout(300_000);

const migrateArgs = (target: string) => [cliEntry, 'migrate', '--to-event-store', target, '--to-read-store', `sqlite:${join(target, 'read.db')}`];

/** Every event as the table holds it, but for the commit time (the target stamps its own). */
const events = (dataDir: string) => {
  const file = join(dataDir, 'events.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};
const count = (dataDir: string) => {
  try {
    const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
};
/** The phase the migration's checkpoint records in the target read store, if any yet. */
const phase = (dataDir: string): string | null => {
  try {
    const db = new Database(join(dataDir, 'read.db'), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT doc FROM "c__migration" WHERE id = 'event-log'`).get() as { doc: string } | undefined;
      return row ? JSON.parse(row.doc).phase : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
};
const snapshot = async (dataDir: string) => {
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  try {
    return await readModelSnapshot(store, { withPositions: true, withoutRecordedAt: true });
  } finally {
    await store.close();
  }
};

async function until(predicate: () => boolean, what: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!predicate()) {
    if (child.exitCode !== null) throw new Error(`migrate exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('migrate killed mid-copy and mid-rebuild, then resumed', () => {
  let source: string;
  let target: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    buildApps();
    source = tempDataDir();
    target = join(tempDataDir(), 'new-data-dir');
    const store = createEventStore({ dataDir: source, synchronous: 'NORMAL' });
    await seedTickets(store, 1000);
    await store.close();
    const rebuilt = spawnSync(process.execPath, [cliEntry, 'rebuild', 'all', '--quiet'], { env: { ...process.env, DATA_DIR: source }, encoding: 'utf8' });
    expect(rebuilt.status).toBe(0);
  });

  afterAll(async () => {
    if (child) await killHard(child);
    rmSync(source, { recursive: true, force: true });
    rmSync(join(target, '..'), { recursive: true, force: true });
  });

  it('copies every event once, in order, with the same ids and revisions, and rebuilds equal read models', async () => {
    const before = events(source);
    const env = { ...process.env, DATA_DIR: source };

    child = spawn(process.execPath, migrateArgs(target), { env, stdio: 'ignore' });
    await until(() => count(target) >= 200, 'copying 200 events', child);
    await killHard(child);
    const copiedBeforeKill = count(target);
    expect(copiedBeforeKill).toBeLessThan(before.length);
    expect(events(target)).toEqual(before.slice(0, copiedBeforeKill)); // a prefix, nothing out of place

    // The second run goes on from its checkpoint; killed again once it is rebuilding.
    child = spawn(process.execPath, migrateArgs(target), { env, stdio: 'ignore' });
    await until(() => phase(target) === 'copied', 'the copy to finish', child);
    await killHard(child);
    child = undefined;
    expect(events(target)).toEqual(before);

    const last = spawnSync(process.execPath, migrateArgs(target), { env, encoding: 'utf8' });
    const out = `${last.stdout}${last.stderr}`;
    expect(out).toMatch(/Copied 0 event\(s\) \(resumed after source position \d+\); 0 were already there/);
    expect(out).toContain(`VERIFIED: source ${before.length} event(s), target ${before.length}; same events in the same order; same positions; chains on the target verify`);
    expect(last.status).toBe(0);
    expect(phase(target)).toBe('rebuilt');

    const after = events(target);
    expect(after).toHaveLength(before.length);
    expect(new Set(after.map((e) => e.event_id)).size).toBe(before.length);
    expect(after).toEqual(before);
    expect(await snapshot(target)).toEqual(await snapshot(source));

    const verify = spawnSync(process.execPath, [cliEntry, 'verify', '--all'], { env: { ...process.env, DATA_DIR: target }, encoding: 'utf8' });
    expect(verify.stdout).toContain(`${before.length} event(s)`);
    expect(verify.status).toBe(0);
  });
});
