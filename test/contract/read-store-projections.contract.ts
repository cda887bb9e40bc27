import { SlaPolicyBook } from '@helpdesk/application';
import { SqliteEventStore } from '@helpdesk/event-store';
import { physicalName, ProjectionEngine, ProjectionRecord, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { capabilitiesOf, Doc, ReadStore, SqliteReadStore, withoutTransactions } from '@helpdesk/read-store';
import { seedTickets } from '../support/seed-tickets';
import type { ReadStoreUnderTest } from './read-store.contract';

/**
 * The projections on an adapter give the same read models as on the embedded store, in the
 * adapter's own mode and in the guarded mode of servers without transactions, and after a
 * rebuild (the blue/green switch) too.
 */
export function readStoreProjectionsContract(name: string, open: () => Promise<ReadStoreUnderTest>): void {
  describe(`ReadStore contract, projections: ${name}`, () => {
    let events: SqliteEventStore;
    const cleanups: Array<() => Promise<void>> = [];

    beforeAll(async () => {
      events = new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
      await seedTickets(events, 30);
    });
    afterAll(async () => {
      await events.close();
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    const opened = async (): Promise<ReadStore> => {
      const { store, cleanup } = await open();
      cleanups.push(async () => {
        await store.close();
        await cleanup?.();
      });
      return store;
    };
    // Rebuild batches and the rebuild's document cache are kept small, so that a rebuild here
    // crosses many batches and evicts documents it wrote, as one over a large log does.
    const engineOn = (store: ReadStore) =>
      new ProjectionEngine(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }), { backoffMs: 5, batchSize: 50, rebuildBatchSize: 64, rebuildCacheDocuments: 20 });

    /** Every projected collection of the generation serving, sorted by _id. */
    async function readModels(store: ReadStore, engine: ProjectionEngine): Promise<Record<string, Doc[]>> {
      const models: Record<string, Doc[]> = {};
      for (const projection of engine.projections) {
        const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: projection.name });
        for (const spec of projection.collections) {
          models[spec.name] = await store.collection(physicalName(spec.name, record!.active.generation)).find({}, { sort: { _id: 1 } });
        }
      }
      return models;
    }
    async function project(store: ReadStore): Promise<{ engine: ProjectionEngine; models: Record<string, Doc[]> }> {
      const engine = engineOn(store);
      await engine.start();
      try {
        expect(await engine.waitFor(await events.headPosition(), undefined, 60_000)).toBe(true);
      } finally {
        await engine.stop();
      }
      return { engine, models: await readModels(store, engine) };
    }

    let reference: Record<string, Doc[]>;
    beforeAll(async () => {
      const embedded = new SqliteReadStore(':memory:');
      reference = (await project(embedded)).models;
      await embedded.close();
      expect(reference.tickets).toHaveLength(30);
    }, 120_000);

    it('declares its capabilities, and its mode follows from them', async () => {
      const store = await opened();
      const capabilities = capabilitiesOf(store);
      expect(capabilities.mode).toBe(store.supportsTransactions ? 'transactional' : 'guarded');
      if (capabilities.mode === 'transactional') expect(capabilities.transactions).toBe(true);
      console.info(`${name}: ${capabilities.server}, mode ${capabilities.mode}, transactions ${capabilities.transactions}, change streams ${capabilities.changeStreams}, text search ${capabilities.textSearch}`);
    });

    it('projects the same read models as the embedded store, in its own mode', async () => {
      expect((await project(await opened())).models).toEqual(reference);
    }, 120_000);

    it('projects the same read models in the guarded mode (as without transactions)', async () => {
      const store = withoutTransactions(await opened());
      expect(store.supportsTransactions).toBe(false);
      expect((await project(store)).models).toEqual(reference);
    }, 120_000);

    it('rebuilds into a new generation and switches to identical read models, in both modes', async () => {
      for (const store of [await opened(), withoutTransactions(await opened())]) {
        const { engine } = await project(store);
        for (const projection of engine.projections) await engine.rebuild(projection.name);
        const record = await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: 'tickets' });
        expect(record).toMatchObject({ active: { generation: 2 }, building: null });
        expect(await readModels(store, engine)).toEqual(reference);
        expect(await store.listCollections()).not.toContain(physicalName('tickets', 1));
        // Loaded without indexes, the new generation is indexed before it serves.
        if (store instanceof SqliteReadStore) expect(store.collection(physicalName('tickets', 2)).explain({ number: 'HD-000001' }).join(' ')).toMatch(/USING INDEX/);
      }
    }, 180_000);
  });
}
