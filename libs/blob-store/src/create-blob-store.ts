import { join } from 'node:path';
import { BlobStore } from './blob-store.port';
import { FileBlobStore } from './file-blob-store';

export interface BlobStoreConfig {
  /** MongoDB connection string: blobs go to GridFS in its database. */
  mongoUrl?: string;
  /** Without a MongoDB: files under `<dataDir>/blobs`. */
  dataDir: string;
}

/** The blob store configuration chooses, as for the read store: GridFS with MONGO_URL, else files under DATA_DIR. */
export async function createBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.mongoUrl) {
    // Required lazily: the embedded default never loads the MongoDB driver.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GridFsBlobStore } = require('./gridfs-blob-store') as typeof import('./gridfs-blob-store');
    return GridFsBlobStore.connect(config.mongoUrl);
  }
  return new FileBlobStore(join(config.dataDir, 'blobs'));
}
