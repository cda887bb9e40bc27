import { randomUUID } from 'node:crypto';
// The MongoDB adapter is loaded lazily by createReadStore, so it is not in the package index.
import { MongoReadStore } from '../../libs/read-store/src/mongo-read-store';
import { readStoreContract } from './read-store.contract';

/*
 * Against a live server only: each run uses its own database and drops it afterwards.
 * A replica set (docker/compose.yaml) also runs the transaction rollback test.
 */
const url = process.env.MONGO_URL;
if (url) {
  readStoreContract('MongoDB', async () => {
    const dbName = `helpdesk_contract_${randomUUID().slice(0, 8)}`;
    const store = await MongoReadStore.connect(url, { dbName });
    return {
      store,
      cleanup: async () => {
        const admin = await MongoReadStore.connect(url, { dbName });
        for (const name of await admin.listCollections()) await admin.dropCollection(name);
        await admin.close();
      },
    };
  }, { propertyRuns: 60 });
} else {
  console.warn('MongoDB read-store contract skipped: MONGO_URL not set');
  describe.skip('ReadStore contract: MongoDB (MONGO_URL not set)', () => {
    it('runs against a live server when MONGO_URL is set', () => undefined);
  });
}
