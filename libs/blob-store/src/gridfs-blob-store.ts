import { createHash } from 'node:crypto';
import { GridFSBucket, MongoClient, MongoRuntimeError, ObjectId } from 'mongodb';
import type { Db, GridFSFile } from 'mongodb';
import { BlobInfo, BlobStore, SHA256_HEX } from './blob-store.port';

const DEFAULT_DB_NAME = 'helpdesk';
const DEFAULT_BUCKET = 'blobs';

/** A blob whose stored bytes no longer hash to its address: never handed out. */
export class BlobCorruptedError extends Error {
  constructor(readonly sha256: string) {
    super(`The stored bytes of blob ${sha256} do not match their SHA-256; the copy is corrupt.`);
  }
}

/**
 * Blobs in MongoDB GridFS (`<bucket>.files` and `<bucket>.chunks`), one GridFS file per blob whose
 * filename is the SHA-256. Only plain collections and indexes are used, so it runs on MongoDB and
 * on servers speaking its wire protocol (FerretDB).
 *
 * Idempotent without transactions: GridFS inserts a file's `files` document only after all its
 * chunks, so any file found under a name is complete, and every file under one name holds the
 * same bytes. Concurrent puts of the same bytes may each upload a copy; each then deletes every
 * copy but the oldest (ordered by upload date then id, so all writers keep the same one). A put
 * that dies mid-upload leaves chunks without a `files` document: never read, harmless, and swept
 * by `sweepOrphanChunks`.
 */
export class GridFsBlobStore implements BlobStore {
  private constructor(
    private readonly client: MongoClient | null,
    private readonly db: Db,
    private readonly bucket: GridFSBucket,
    private readonly bucketName: string,
  ) {}

  static async connect(url: string, options: { dbName?: string; bucketName?: string } = {}): Promise<GridFsBlobStore> {
    const client = await MongoClient.connect(url);
    try {
      const db = client.db(options.dbName ?? dbNameFromUrl(url) ?? DEFAULT_DB_NAME);
      return await GridFsBlobStore.onDb(db, options.bucketName, client);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  /** On a database the caller owns (`close` then leaves the connection open). */
  static async onDb(db: Db, bucketName = DEFAULT_BUCKET, owned: MongoClient | null = null): Promise<GridFsBlobStore> {
    const store = new GridFsBlobStore(owned, db, new GridFSBucket(db, { bucketName }), bucketName);
    await store.ensureIndexes();
    return store;
  }

  async put(bytes: Buffer): Promise<BlobInfo> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const info = { sha256, size: bytes.length };
    if (await this.has(sha256)) return info;
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket.openUploadStream(sha256, { metadata: { sha256, size: bytes.length } });
      upload.once('error', reject);
      upload.once('finish', () => resolve());
      upload.end(bytes);
    });
    await this.dropDuplicates(sha256);
    return info;
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    // A concurrent put may delete the copy being read (it keeps an older one): read again.
    for (let attempt = 0; ; attempt++) {
      const file = await this.keeper(sha256);
      if (!file) return null;
      try {
        const bytes = await this.download(file._id);
        if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new BlobCorruptedError(sha256);
        return bytes;
      } catch (error) {
        if (error instanceof BlobCorruptedError || attempt >= 3) throw error;
      }
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    return (await this.files().countDocuments({ filename: sha256 }, { limit: 1 })) > 0;
  }

  async delete(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    let deleted = false;
    for (const file of await this.copies(sha256)) deleted = (await this.deleteFile(file._id)) || deleted;
    return deleted;
  }

  /**
   * Deletes chunks that no `files` document owns (uploads that died half-way), when older than
   * `olderThanMs` so uploads in progress are left alone. Answers how many chunks went.
   */
  async sweepOrphanChunks(olderThanMs = 60 * 60 * 1000): Promise<number> {
    const cutoff = ObjectId.createFromTime(Math.floor((Date.now() - olderThanMs) / 1000));
    const owners = new Set((await this.files().find({}, { projection: { _id: 1 } }).toArray()).map((f) => String(f._id)));
    const orphans = (await this.chunks().distinct('files_id', { files_id: { $lt: cutoff } })).filter((id) => !owners.has(String(id)));
    if (orphans.length === 0) return 0;
    return (await this.chunks().deleteMany({ files_id: { $in: orphans } })).deletedCount;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  private files() {
    return this.db.collection<GridFSFile>(`${this.bucketName}.files`);
  }

  private chunks() {
    return this.db.collection<{ files_id: ObjectId; n: number }>(`${this.bucketName}.chunks`);
  }

  /** The indexes GridFS would create on its first upload, made up front so reads use them from the start. */
  private async ensureIndexes(): Promise<void> {
    await this.files().createIndex({ filename: 1, uploadDate: 1 });
    await this.chunks().createIndex({ files_id: 1, n: 1 }, { unique: true });
  }

  private async copies(sha256: string): Promise<GridFSFile[]> {
    return this.files().find({ filename: sha256 }).sort({ uploadDate: 1, _id: 1 }).toArray();
  }

  private async keeper(sha256: string): Promise<GridFSFile | null> {
    return (await this.copies(sha256))[0] ?? null;
  }

  private async dropDuplicates(sha256: string): Promise<void> {
    const [, ...duplicates] = await this.copies(sha256);
    for (const file of duplicates) await this.deleteFile(file._id);
  }

  /** False when another writer deleted it first. */
  private async deleteFile(id: ObjectId): Promise<boolean> {
    try {
      await this.bucket.delete(id);
      return true;
    } catch (error) {
      if (error instanceof MongoRuntimeError && /File not found/i.test(error.message)) return false;
      throw error;
    }
  }

  private download(id: ObjectId): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      this.bucket
        .openDownloadStream(id)
        .on('data', (chunk: Buffer) => parts.push(chunk))
        .once('error', reject)
        .once('end', () => resolve(Buffer.concat(parts)));
    });
  }
}

function dbNameFromUrl(url: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}
