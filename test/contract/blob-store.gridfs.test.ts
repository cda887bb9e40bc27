import { randomBytes, randomUUID } from 'node:crypto';
import { MongoClient, ObjectId } from 'mongodb';
import { createBlobStore } from '@helpdesk/blob-store';
// The GridFS adapter is loaded lazily by createBlobStore, so it is not in the package index.
import { GridFsBlobStore } from '../../libs/blob-store/src/gridfs-blob-store';
import { blobStoreContract } from './blob-store.contract';

/*
 * Against a live server only (MongoDB or FerretDB): each test uses its own database and drops it.
 */
const url = process.env.MONGO_URL;
if (url) {
  blobStoreContract('MongoDB GridFS', async () => {
    const dbName = `helpdesk_blobs_${randomUUID().slice(0, 8)}`;
    return {
      store: await GridFsBlobStore.connect(url, { dbName }),
      reopen: () => GridFsBlobStore.connect(url, { dbName }),
      cleanup: () => dropDatabase(url, dbName),
    };
  });

  describe('GridFS blob store, beyond the contract', () => {
    const dbName = `helpdesk_blobs_${randomUUID().slice(0, 8)}`;
    afterAll(() => dropDatabase(url, dbName));

    it('keeps each blob as one GridFS file named by its SHA-256, readable by the driver\u2019s own GridFSBucket', async () => {
      const store = await GridFsBlobStore.connect(url, { dbName });
      const bytes = randomBytes(600 * 1024);
      const { sha256 } = await store.put(bytes);
      await store.put(bytes);
      const client = await MongoClient.connect(url);
      try {
        const files = await client.db(dbName).collection('blobs.files').find({ filename: sha256 }).toArray();
        expect(files).toHaveLength(1);
        expect(files[0].length).toBe(bytes.length);
      } finally {
        await client.close();
        await store.close();
      }
    });

    it('refuses to hand out bytes that no longer match their address', async () => {
      const store = await GridFsBlobStore.connect(url, { dbName });
      const { sha256 } = await store.put(Buffer.from('original bytes'));
      const client = await MongoClient.connect(url);
      try {
        const db = client.db(dbName);
        const file = await db.collection('blobs.files').findOne({ filename: sha256 });
        await db.collection('blobs.chunks').updateOne({ files_id: file!._id, n: 0 }, { $set: { data: Buffer.from('tampered bytes') } });
        await expect(store.get(sha256)).rejects.toThrow(/do not match/);
      } finally {
        await client.close();
        await store.close();
      }
    });

    it('sweeps chunks a dead upload left without a file, and nothing else', async () => {
      const store = await GridFsBlobStore.connect(url, { dbName });
      const kept = randomBytes(1000);
      const { sha256 } = await store.put(kept);
      const client = await MongoClient.connect(url);
      try {
        const chunks = client.db(dbName).collection('blobs.chunks');
        // An upload that died two hours ago: its chunks, no files document.
        const deadUpload = ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 2 * 3600);
        await chunks.insertMany([0, 1].map((n) => ({ files_id: deadUpload, n, data: randomBytes(10) })));
        expect(await store.sweepOrphanChunks(60_000)).toBe(2);
        expect(await chunks.countDocuments({ files_id: deadUpload })).toBe(0);
        expect(Buffer.compare((await store.get(sha256))!, kept)).toBe(0);
      } finally {
        await client.close();
        await store.close();
      }
    });

    it('is what createBlobStore makes with a MongoDB URL', async () => {
      const [, base, query = ''] = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url)!;
      const store = await createBlobStore({ mongoUrl: `${base}/${dbName}${query}`, dataDir: '/nonexistent' });
      expect(store).toBeInstanceOf(GridFsBlobStore);
      const { sha256 } = await store.put(Buffer.from('through the factory'));
      const direct = await GridFsBlobStore.connect(url, { dbName });
      expect((await direct.get(sha256))?.toString()).toBe('through the factory');
      await direct.close();
      await store.close();
    });
  });
} else {
  console.warn('GridFS blob-store contract skipped: MONGO_URL not set');
  describe.skip('BlobStore contract: MongoDB GridFS (MONGO_URL not set)', () => {
    it('runs against a live server when MONGO_URL is set', () => undefined);
  });
}

async function dropDatabase(mongoUrl: string, dbName: string): Promise<void> {
  const client = await MongoClient.connect(mongoUrl);
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
