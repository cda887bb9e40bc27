import { Collection, Db, MongoClient, MongoServerError } from 'mongodb';
import { BlobKeyRecord, DataKeyRecord, KeyStore, ShreddedScope, SubjectRecord } from './key-store.port';
import { Purpose } from './personal-fields';

interface MetaDoc { _id: string; value: string }
interface SubjectDoc { _id: string; lookup: string; createdAt: string }
interface KeyDoc { _id: string; subjectId: string; scope: string; purpose: Purpose; wrapped: string; createdAt: string }
interface BlobKeyDoc { _id: string; keyId: string; wrapped: string; stored: string; createdAt: string }
interface ShreddedDoc { _id: string; scope: string; purpose: Purpose; erasedAt: string }

const isDuplicate = (error: unknown) => error instanceof MongoServerError && error.code === 11000;
const keyOf = (d: KeyDoc): DataKeyRecord => ({ keyId: d._id, subjectId: d.subjectId, scope: d.scope, purpose: d.purpose, wrapped: d.wrapped, createdAt: d.createdAt });

/**
 * The production key store: collections `privacy_subjects`, `privacy_keys`, `privacy_shredded`,
 * `privacy_blob_keys` (plain collections and unique indexes, so FerretDB works too). Uniqueness is what makes two
 * processes agree on one key per scope; every write is an insert or a delete, no transactions.
 */
export class MongoKeyStore implements KeyStore {
  private constructor(
    private readonly client: MongoClient | null,
    private readonly meta: Collection<MetaDoc>,
    private readonly subjects: Collection<SubjectDoc>,
    private readonly keys: Collection<KeyDoc>,
    private readonly shreds: Collection<ShreddedDoc>,
    private readonly blobKeys: Collection<BlobKeyDoc>,
  ) {}

  static async connect(url: string, options: { dbName?: string } = {}): Promise<MongoKeyStore> {
    const client = await MongoClient.connect(url);
    try {
      return await MongoKeyStore.on(client.db(options.dbName), client);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  static async on(db: Db, client: MongoClient | null = null): Promise<MongoKeyStore> {
    const store = new MongoKeyStore(client, db.collection('privacy_meta'), db.collection('privacy_subjects'), db.collection('privacy_keys'), db.collection('privacy_shredded'), db.collection('privacy_blob_keys'));
    await store.subjects.createIndex({ lookup: 1 }, { unique: true, name: 'lookup_unique' });
    await store.keys.createIndex({ scope: 1, purpose: 1 }, { unique: true, name: 'scope_purpose_unique' });
    await store.keys.createIndex({ subjectId: 1 }, { name: 'subject' });
    return store;
  }

  async ensureCheck(check: string): Promise<string> {
    await this.insertOnce(this.meta, { _id: 'master_key_check', value: check });
    return (await this.meta.findOne({ _id: 'master_key_check' }))!.value;
  }

  async ensureSubject(c: SubjectRecord): Promise<SubjectRecord> {
    await this.insertOnce(this.subjects, { _id: c.subjectId, lookup: c.lookup, createdAt: c.createdAt });
    return (await this.subjectByLookup(c.lookup))!;
  }

  async subjectByLookup(lookup: string): Promise<SubjectRecord | null> {
    const d = await this.subjects.findOne({ lookup });
    return d ? { subjectId: d._id, lookup: d.lookup, createdAt: d.createdAt } : null;
  }

  async subject(subjectId: string): Promise<SubjectRecord | null> {
    const d = await this.subjects.findOne({ _id: subjectId });
    return d ? { subjectId: d._id, lookup: d.lookup, createdAt: d.createdAt } : null;
  }

  async ensureKey(c: DataKeyRecord): Promise<DataKeyRecord> {
    await this.insertOnce(this.keys, { _id: c.keyId, subjectId: c.subjectId, scope: c.scope, purpose: c.purpose, wrapped: c.wrapped, createdAt: c.createdAt });
    return (await this.keyFor(c.scope, c.purpose))!;
  }

  async ensureKeys(candidates: readonly DataKeyRecord[]): Promise<DataKeyRecord[]> {
    const stored: DataKeyRecord[] = [];
    for (const c of candidates) stored.push(await this.ensureKey(c));
    return stored;
  }

  async key(keyId: string): Promise<DataKeyRecord | null> {
    const d = await this.keys.findOne({ _id: keyId });
    return d ? keyOf(d) : null;
  }

  async keyFor(scope: string, purpose: Purpose): Promise<DataKeyRecord | null> {
    const d = await this.keys.findOne({ scope, purpose });
    return d ? keyOf(d) : null;
  }

  async keysOf(subjectId: string): Promise<DataKeyRecord[]> {
    return (await this.keys.find({ subjectId }).sort({ createdAt: 1, _id: 1 }).toArray()).map(keyOf);
  }

  async shred(keys: readonly Pick<DataKeyRecord, 'scope' | 'purpose'>[], erasedAt: string): Promise<void> {
    // The mark first: a crash in between leaves a shredded scope whose key is still there, and
    // the erasure, redone, deletes it. The other order could leave a deleted key unmarked.
    for (const k of keys) await this.insertOnce(this.shreds, { _id: `${k.scope}\u0000${k.purpose}`, scope: k.scope, purpose: k.purpose, erasedAt });
    for (const k of keys) await this.keys.deleteMany({ scope: k.scope, purpose: k.purpose });
  }

  async forgetSubject(subjectId: string): Promise<boolean> {
    return (await this.subjects.deleteOne({ _id: subjectId })).deletedCount > 0;
  }

  async shredded(scope: string): Promise<ShreddedScope[]> {
    const docs = await this.shreds.find({ scope }).sort({ purpose: 1 }).toArray();
    return docs.map((d) => ({ scope: d.scope, purpose: d.purpose, erasedAt: d.erasedAt }));
  }

  async ensureBlobKey(c: BlobKeyRecord): Promise<BlobKeyRecord> {
    await this.insertOnce(this.blobKeys, { _id: c.sha256, keyId: c.keyId, wrapped: c.wrapped, stored: c.stored, createdAt: c.createdAt });
    return (await this.blobKey(c.sha256))!;
  }

  async blobKey(sha256: string): Promise<BlobKeyRecord | null> {
    const d = await this.blobKeys.findOne({ _id: sha256 });
    return d ? { sha256: d._id, keyId: d.keyId, wrapped: d.wrapped, stored: d.stored, createdAt: d.createdAt } : null;
  }

  async deleteBlobKey(sha256: string): Promise<boolean> {
    return (await this.blobKeys.deleteOne({ _id: sha256 })).deletedCount > 0;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  private async insertOnce<T extends { _id: string }>(collection: Collection<T>, doc: T): Promise<void> {
    try {
      await collection.insertOne(doc as never);
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
}
