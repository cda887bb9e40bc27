import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@helpdesk/event-store';
import { physicalName, ProjectionEngine, ProjectionRecord, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { SqliteReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { buildApps, cliEntry } from '../support/build-once';
import { seedTickets } from '../support/seed-tickets';
import { tempDataDir } from '../support/test-app';
import { waitUntil } from '../support/wait';

jest.setTimeout(600_000);

async function projectToHead(dataDir: string): Promise<void> {
  const events = new SqliteEventStore(join(dataDir, 'events.db'));
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  const engine = new ProjectionEngine(events, store, allProjections(), { batchSize: 1000 });
  await engine.start();
  const reached = await engine.waitFor(await events.headPosition(), undefined, 180_000);
  // Resumed rebuilds switch generations as they finish; wait for every registry entry to settle.
  await waitUntil('every rebuild to switch generations', async () => (await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).count({ building: { $ne: null } })) === 0, { timeoutMs: 120_000 });
  expect(await engine.waitFor(await events.headPosition(), undefined, 180_000)).toBe(true);
  expect(reached).toBe(true);
  await engine.stop();
  await store.close();
  await events.close();
}

async function readModels(dataDir: string): Promise<Record<string, unknown[]>> {
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  const out: Record<string, unknown[]> = {};
  for (const projection of allProjections()) {
    const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: projection.name });
    expect(record?.building).toBeNull();
    for (const spec of projection.collections) {
      out[spec.name] = await store.collection(physicalName(spec.name, record!.active.generation)).find({}, { sort: { _id: 1 } });
    }
  }
  await store.close();
  return out;
}

describe('SIGKILL in the middle of a rebuild', () => {
  let killed: string;
  let clean: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    buildApps();
    const seedDir = tempDataDir();
    const store = new SqliteEventStore(join(seedDir, 'events.db'), { synchronous: 'NORMAL' });
    await seedTickets(store, 1500);
    await store.close();
    killed = tempDataDir();
    clean = tempDataDir();
    for (const dir of [killed, clean]) {
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(seedDir, 'events.db'), join(dir, 'events.db'));
    }
    rmSync(seedDir, { recursive: true, force: true });
  });

  afterAll(() => {
    child?.kill('SIGKILL');
    for (const dir of [killed, clean]) rmSync(dir, { recursive: true, force: true });
  });

  it('ends, once restarted, with read models deep-equal to a clean rebuild', async () => {
    // A live system first, so the rebuild has an old generation to keep serving.
    await projectToHead(killed);

    child = spawn(process.execPath, [cliEntry, 'rebuild', 'all', '--quiet'], { env: { ...process.env, DATA_DIR: killed }, stdio: 'pipe' });
    const store = new SqliteReadStore(join(killed, 'read.db'));
    // Caught half-way: a rebuild has made progress (or the CLI ended first, which fails below).
    const caught = await waitUntil('the rebuild to make progress', async () => {
      const building = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).find({ building: { $ne: null } });
      return building.some((r) => r.building && r.building.checkpoint !== '') || (child!.exitCode !== null ? 'exited' : false);
    }, { intervalMs: 5, timeoutMs: 120_000 }) === true;
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const interrupted = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).find({ building: { $ne: null } });
    await store.close();
    expect(caught).toBe(true);
    expect(interrupted.length).toBeGreaterThan(0);

    await projectToHead(killed); // the restart resumes the interrupted rebuild from its checkpoint
    await projectToHead(clean);
    const [afterKill, fromClean] = [await readModels(killed), await readModels(clean)];
    expect(Object.keys(afterKill)).toEqual(Object.keys(fromClean));
    for (const name of Object.keys(fromClean)) {
      expect({ name, docs: afterKill[name] }).toEqual({ name, docs: fromClean[name] });
    }
    expect((fromClean.tickets as unknown[]).length).toBe(1500);
  });
});
