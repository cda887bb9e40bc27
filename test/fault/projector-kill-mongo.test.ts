import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { copyFileSync, rmSync } from 'node:fs';
import { SqliteEventStore } from '@helpdesk/event-store';
import { physicalName, ProjectionEngine, ProjectionRecord, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { ReadStore } from '@helpdesk/read-store';
import { SlaPolicyBook } from '@helpdesk/application';
import { MongoReadStore } from '../../libs/read-store/src/mongo-read-store';
import { buildApps } from '../support/build-once';
import { dropMongoDatabase, mongoEnv } from '../support/mongo-env';
import { seedTickets } from '../support/seed-tickets';
import { tempDataDir } from '../support/test-app';
import { killHard } from '../support/api-process';

/*
 * The projector (apps/projector, a real process) projecting into a MongoDB server without
 * transactions (FerretDB in .ci/run) is killed with SIGKILL in the middle of batches, restarted,
 * killed again; once it has caught up, every read model equals a clean projection of the same feed.
 */
const url = process.env.MONGO_URL;
const projectorEntry = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');

async function readModels(store: ReadStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const projection of allProjections()) {
    const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: projection.name });
    for (const spec of projection.collections) {
      out[spec.name] = await store.collection(physicalName(spec.name, record!.active.generation)).find({}, { sort: { _id: 1 } });
    }
  }
  return out;
}

const connect = (dataDir: string) => MongoReadStore.connect(mongoEnv(dataDir).MONGO_URL);

const until = async (predicate: () => Promise<boolean>, deadlineMs: number, stepMs = 5) => {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
};

(url ? describe : describe.skip)(`SIGKILL of the projector mid-batch on MongoDB without transactions${url ? '' : ' (skipped: MONGO_URL not set)'}`, () => {
  jest.setTimeout(600_000);
  let killed: string;
  let clean: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    buildApps();
    killed = tempDataDir();
    clean = tempDataDir();
    // One feed, copied: both sides project the very same events.
    const events = new SqliteEventStore(join(killed, 'events.db'), { synchronous: 'NORMAL' });
    await seedTickets(events, 60);
    await events.close();
    copyFileSync(join(killed, 'events.db'), join(clean, 'events.db'));
  });

  afterAll(async () => {
    if (child) await killHard(child);
    for (const dir of [killed, clean]) {
      await dropMongoDatabase(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends with read models equal to a clean projection, however often it was killed', async () => {
    const store = await connect(killed);
    expect(store.capabilities.mode).toBe('guarded');
    const pendingNow = async () => (await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).count({ 'active.pending': { $exists: true } })) > 0;
    let midBatch = 0;
    for (let kill = 0; kill < 3; kill++) {
      child = spawn(process.execPath, [projectorEntry], { env: { ...process.env, DATA_DIR: killed, ...mongoEnv(killed) }, stdio: 'ignore' });
      // A batch is mid-flight from its journal's mark until its checkpoint moves.
      if (await until(pendingNow, 60_000)) midBatch++;
      await killHard(child);
      child = undefined;
    }
    expect(midBatch).toBeGreaterThan(0);

    // Restart (in-process, as the projector would) and compare with a clean run into another database.
    const events = new SqliteEventStore(join(killed, 'events.db'));
    const cleanEvents = new SqliteEventStore(join(clean, 'events.db'));
    const cleanStore = await connect(clean);
    try {
      for (const [ev, st] of [[events, store], [cleanEvents, cleanStore]] as const) {
        const engine = new ProjectionEngine(ev, st, allProjections({ slaPolicies: new SlaPolicyBook(ev) }));
        await engine.start();
        expect(await engine.waitFor(await ev.headPosition(), undefined, 300_000)).toBe(true);
        await engine.stop();
      }
      const [afterKill, fromClean] = [await readModels(store), await readModels(cleanStore)];
      expect((fromClean.tickets as unknown[]).length).toBe(60);
      for (const name of Object.keys(fromClean)) expect({ name, docs: afterKill[name] }).toEqual({ name, docs: fromClean[name] });
      expect(await store.collection(REGISTRY_COLLECTION).count({ 'active.pending': { $exists: true } })).toBe(0);
    } finally {
      await store.close();
      await cleanStore.close();
      await events.close();
      await cleanEvents.close();
    }
  });
});
