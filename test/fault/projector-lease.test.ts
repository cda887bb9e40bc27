import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SlaPolicyBook } from '@helpdesk/application';
import { createEventStore, EventStore } from '@helpdesk/event-store';
import { FencedReadStore, LEASE_COLLECTION, LEASE_EPOCH_FIELD, LeasedProjector, LeaseDoc, LeaseLostError } from '@helpdesk/operations';
import { padPosition, ProjectionEngine, ProjectionRecord, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { ReadStore, SqliteReadStore } from '@helpdesk/read-store';
import { readModelSnapshot } from '../support/read-model-snapshot';
import { seedTickets } from '../support/seed-tickets';
import { tempDataDir } from '../support/test-app';
import { ManualClock } from '@helpdesk/shared';
import { ChildProcess, spawn } from 'node:child_process';
import { buildApps, projectorEntry } from '../support/projector-entry';
import { killHard } from '../support/api-process';

jest.setTimeout(180_000);

// Long enough that a catch-up blocking the one event loop on a busy machine never lets a lease lapse by accident.
const LEASE_MS = 10_000;
const names = allProjections().map((p) => p.name).sort();

async function until(predicate: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const caughtUp = async (store: ReadStore, events: EventStore) => {
  const head = padPosition(await events.headPosition());
  const records = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).find({});
  return records.length === names.length && records.every((r) => r.active.checkpoint === head && r.building === null);
};

describe('projector lease: one active runner per projection, failover when the holder dies', () => {
  let dataDir: string;
  let clean: string;
  const open: Array<{ close(): Promise<void> }> = [];
  const projectors: LeasedProjector[] = [];

  beforeAll(() => {
    dataDir = tempDataDir();
    clean = tempDataDir();
  });
  afterAll(async () => {
    for (const p of projectors) await p.stop();
    for (const o of open.reverse()) await o.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(clean, { recursive: true, force: true });
  });

  it('hands every projection over once the holder stops renewing, fences the stale holder, and ends equal to a clean rebuild', async () => {
    const events = createEventStore({ dataDir, synchronous: 'NORMAL' });
    open.push(events);
    const clock = new ManualClock('2026-01-05T04:00:00.000Z');
    await seedTickets(events, 30, clock);
    // Two projectors sharing one read store, as processes share a MongoDB. (Not two embedded
    // connections in one process: SQLite's busy wait would block the one event loop both need;
    // the test below runs two real processes on one file.)
    const storeA = new SqliteReadStore(join(dataDir, 'read.db'));
    const storeB = storeA;
    open.push(storeA);
    const make = (owner: string, store: ReadStore) => {
      const p = new LeasedProjector(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }), { owner, leaseMs: LEASE_MS, heartbeatMs: 100, engine: { batchSize: 100 } });
      projectors.push(p);
      return p;
    };
    const a = make('projector-a', storeA);
    await a.start();
    expect(a.holding()).toEqual(names);
    const b = make('projector-b', storeB);
    await b.start();
    await until(() => b.beats >= 3, 'b to try a few times');
    expect(b.holding()).toEqual([]); // one active runner per projection
    await until(() => caughtUp(storeA, events), 'a to catch up');

    // A stops renewing but its engines run on, as a process hung or cut off would.
    a.halt();
    const leasesBefore = await storeB.collection<LeaseDoc>(LEASE_COLLECTION).find({});
    expect(leasesBefore.map((l) => [l.owner, l.epoch])).toEqual(names.map(() => ['projector-a', 1]));
    await seedTickets(events, 15, clock); // work arrives during the handover
    await until(() => b.holding().length === names.length, 'b to take every lease');
    const leases = await storeB.collection<LeaseDoc>(LEASE_COLLECTION).find({});
    for (const lease of leases) {
      const was = leasesBefore.find((l) => l._id === lease._id)!;
      expect(lease).toMatchObject({ owner: 'projector-b', epoch: 2 });
      expect(lease.acquiredAt >= was.expiresAt).toBe(true); // never two live holders
    }

    // The stale holder's writes are refused from now on: its batches and its checkpoints.
    const stale = new FencedReadStore(storeA, 'tickets', 'projector-a', 1);
    await expect(stale.transaction(async () => undefined)).rejects.toBeInstanceOf(LeaseLostError);
    const registry = stale.collection<ProjectionRecord>(REGISTRY_COLLECTION);
    const record = (await registry.findOne({ _id: 'tickets' }))!;
    await seedTickets(events, 10, clock);
    await until(async () => ((await registry.findOne({ _id: 'tickets' }))?.[LEASE_EPOCH_FIELD] as number) === 2, 'b to checkpoint under epoch 2');
    await expect(registry.replaceOne({ _id: 'tickets' }, { ...record, active: { ...record.active, checkpoint: padPosition(0n) } }, { upsert: true })).rejects.toBeInstanceOf(LeaseLostError);

    await until(() => caughtUp(storeB, events), 'b to catch up');
    await a.stop(); // its engines end; it held no lease any more, so it releases nothing of b's
    expect((await storeB.collection<LeaseDoc>(LEASE_COLLECTION).find({})).every((l) => l.owner === 'projector-b' && l.expiresAt > new Date().toISOString())).toBe(true);
    await b.stop();
    expect((await storeB.collection<LeaseDoc>(LEASE_COLLECTION).find({})).every((l) => l.expiresAt < new Date().toISOString())).toBe(true); // released

    // The read models equal a clean rebuild of the same log.
    const cleanStore = new SqliteReadStore(join(clean, 'read.db'));
    open.push(cleanStore);
    const engine = new ProjectionEngine(events, cleanStore, allProjections({ slaPolicies: new SlaPolicyBook(events) }));
    await engine.start();
    expect(await engine.waitFor(await events.headPosition(), undefined, 60_000)).toBe(true);
    await engine.stop();
    expect(await readModelSnapshot(storeB, { withPositions: true })).toEqual(await readModelSnapshot(cleanStore, { withPositions: true }));
  });

  it('two projector processes: SIGKILL the holder and the other takes every projection over', async () => {
    buildApps();
    const dir = tempDataDir();
    const children: ChildProcess[] = [];
    const outputs: string[] = [];
    const spawnProjector = () => {
      const child = spawn(process.execPath, [projectorEntry], { env: { ...process.env, DATA_DIR: dir, PROJECTION_LEASE_SECONDS: '2', NO_COLOR: '1' }, stdio: 'pipe' });
      const i = outputs.push('') - 1;
      child.stdout!.on('data', (d) => (outputs[i] += d));
      child.stderr!.on('data', (d) => (outputs[i] += d));
      children.push(child);
      return i;
    };
    const acquired = (i: number, epoch: number) => (outputs[i].match(new RegExp(`lease acquired \\(epoch ${epoch}\\)`, 'g')) ?? []).length;
    const events = createEventStore({ dataDir: dir, synchronous: 'NORMAL' });
    const clock = new ManualClock('2026-01-05T04:00:00.000Z');
    try {
      await seedTickets(events, 10, clock);
      const first = spawnProjector();
      await until(() => acquired(first, 1) === names.length, 'the first projector to take every lease');
      const second = spawnProjector();
      await until(() => outputs[second].includes('Projector ') && outputs[second].includes('started'), 'the second projector to start');
      expect(acquired(second, 1) + acquired(second, 2)).toBe(0);
      await killHard(children[0]);
      await seedTickets(events, 5, clock);
      await until(() => acquired(second, 2) === names.length, 'the second projector to take every lease over');
      const store = new SqliteReadStore(join(dir, 'read.db'));
      try {
        await until(() => caughtUp(store, events), 'the projections to catch up under the new holder');
      } finally {
        await store.close();
      }
    } finally {
      for (const child of children) await killHard(child);
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
