import { randomUUID } from 'node:crypto';
// The MongoDB adapter is loaded lazily by createReadStore, so it is not in the package index.
import { MongoReadStore } from '../../libs/read-store/src/mongo-read-store';
import { readStoreContract } from './read-store.contract';
import { readStoreProjectionsContract } from './read-store-projections.contract';
import { searchContract } from './search.contract';

/*
 * Against a live server only (.ci/run starts FerretDB for it): each run uses its own database
 * and drops it afterwards. A replica set (docker/compose.yaml) also runs the transaction
 * rollback test; a server without transactions runs the projections in the guarded mode.
 */
const url = process.env.MONGO_URL;

async function openMongo(options: { transactions?: 'auto' | 'off' } = {}) {
  const dbName = `helpdesk_contract_${randomUUID().slice(0, 8)}`;
  const store = await MongoReadStore.connect(url!, { dbName, ...options });
  return {
    store,
    cleanup: async () => {
      const admin = await MongoReadStore.connect(url!, { dbName });
      for (const name of await admin.listCollections()) await admin.dropCollection(name);
      await admin.close();
    },
  };
}

if (url) {
  readStoreContract('MongoDB', () => openMongo(), { propertyRuns: 60 });
  readStoreContract('MongoDB, transactions off', () => openMongo({ transactions: 'off' }), { propertyRuns: 20 });
  readStoreProjectionsContract('MongoDB', () => openMongo());
  searchContract('MongoDB (text index, or the prefix scan where the server has none)', () => openMongo());

  describe('MongoDB capabilities', () => {
    it('probes them at connect, leaves no probe collection behind, and declares the mode', async () => {
      const { store, cleanup } = await openMongo();
      try {
        const c = store.capabilities;
        expect(c.backend).toBe('mongodb');
        expect(c.mode).toBe(c.transactions ? 'transactional' : 'guarded');
        expect(store.supportsTransactions).toBe(c.transactions);
        // FerretDB runs "transaction" writes one by one; the probe must not take that for atomicity.
        if (c.server.startsWith('FerretDB')) expect(c).toMatchObject({ transactions: false, changeStreams: false, textSearch: false, atomicUpdates: false, mode: 'guarded' });
        expect((await store.listCollections()).filter((n) => n.startsWith('_capability_probe'))).toEqual([]);
      } finally {
        await store.close();
        await cleanup();
      }
    });

    it('never uses transactions when told not to', async () => {
      const { store, cleanup } = await openMongo({ transactions: 'off' });
      try {
        expect(store.capabilities.mode).toBe('guarded');
        expect(store.supportsTransactions).toBe(false);
      } finally {
        await store.close();
        await cleanup();
      }
    });
  });
} else {
  console.warn('MongoDB read-store contract skipped: MONGO_URL not set');
  describe.skip('ReadStore contract: MongoDB (MONGO_URL not set)', () => {
    it('runs against a live server when MONGO_URL is set', () => undefined);
  });
}
