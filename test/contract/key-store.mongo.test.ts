import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoKeyStore } from '../../libs/privacy/src/mongo-key-store';
import { keyStoreContract } from './key-store.contract';

/* Against a live server only (MongoDB or FerretDB): each test uses its own database and drops it. */
const url = process.env.MONGO_URL;
if (url) {
  keyStoreContract('MongoDB collections', async () => {
    const dbName = `helpdesk_keys_${randomUUID().slice(0, 8)}`;
    return {
      store: await MongoKeyStore.connect(url, { dbName }),
      reopen: () => MongoKeyStore.connect(url, { dbName }),
      cleanup: async () => {
        const client = await MongoClient.connect(url);
        await client.db(dbName).dropDatabase();
        await client.close();
      },
    };
  });
} else {
  describe('KeyStore contract: MongoDB', () => {
    it.skip('skipped: set MONGO_URL to run the key store contract against MongoDB or FerretDB', () => undefined);
  });
}
