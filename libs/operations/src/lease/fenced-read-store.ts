import { Collection, Doc, DuplicateKeyError, Filter, Page, ReadStore, ReadStoreUnavailableError, SearchHit, TextSearch, UpdateResult } from '@helpdesk/read-store';
import { REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { LEASE_COLLECTION, LeaseDoc } from './projection-lease';

/**
 * The holder's lease is gone: its writes are refused. A ReadStoreUnavailableError to the
 * projection runner, so it keeps its checkpoint and retries (never dead-letters an event) until
 * the lease keeper stops it.
 */
export class LeaseLostError extends ReadStoreUnavailableError {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'LeaseLostError' });
  }
}

/** Field of a projection's registry record: the lease epoch its last checkpoint was written under. */
export const LEASE_EPOCH_FIELD = 'leaseEpoch';

/**
 * The read store as one lease holder of one projection sees it. Every transaction first checks
 * that the lease is still this holder's, under this epoch, unexpired; and every write of the
 * projection's registry record (its checkpoint) carries the epoch and is conditional on the
 * stored one being no newer. So a stale holder (paused past its lease, cut off) cannot commit a
 * batch or move a checkpoint back once another has taken over, even on a store without
 * transactions, where the second check is the one that holds.
 */
export class FencedReadStore implements ReadStore {
  constructor(
    private readonly inner: ReadStore,
    readonly projection: string,
    readonly owner: string,
    readonly epoch: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get supportsTransactions(): boolean {
    return this.inner.supportsTransactions;
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    return this.fenced(this.inner.collection<T>(name));
  }

  listCollections(): Promise<string[]> {
    return this.inner.listCollections();
  }

  dropCollection(name: string): Promise<void> {
    return this.inner.dropCollection(name);
  }

  transaction<R>(work: (tx: ReadStore) => Promise<R>): Promise<R> {
    return this.inner.transaction(async (tx) => {
      await this.assertHeld(tx);
      return work(new FencedReadStore(tx, this.projection, this.owner, this.epoch, this.now));
    });
  }

  search<T extends Doc = Doc>(collection: string, query: TextSearch): Promise<Page<SearchHit<T>>> {
    return this.inner.search<T>(collection, query);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Throws LeaseLostError unless the lease is this holder's, at this epoch, and unexpired. */
  async assertHeld(store: ReadStore = this.inner): Promise<void> {
    const lease = await store.collection<LeaseDoc>(LEASE_COLLECTION).findOne({ _id: this.projection });
    if (!lease || lease.owner !== this.owner || lease.epoch !== this.epoch || lease.expiresAt <= this.now().toISOString()) {
      throw new LeaseLostError(`${this.projection}: the lease of ${this.owner} (epoch ${this.epoch}) is gone; now ${lease ? `${lease.owner}, epoch ${lease.epoch}` : 'nobody'}`);
    }
  }

  private fenced<T extends Doc>(collection: Collection<T>): Collection<T> {
    if (collection.name !== REGISTRY_COLLECTION) return collection;
    const { epoch, projection } = this;
    const lost = (held: unknown) => new LeaseLostError(`${projection}: its checkpoint was written under lease epoch ${held}; this holder's epoch ${epoch} is older`);
    const replaceOne = async (filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult> => {
      if (doc._id !== projection) return collection.replaceOne(filter, doc, options);
      const stamped = { ...doc, [LEASE_EPOCH_FIELD]: epoch } as T;
      const notNewer = { $and: [filter, { $or: [{ [LEASE_EPOCH_FIELD]: { $exists: false } }, { [LEASE_EPOCH_FIELD]: { $lte: epoch } }] }] };
      const result = await collection.replaceOne(notNewer, stamped);
      if (result.matched === 1) return result;
      const existing = await collection.findOne({ _id: projection });
      if (existing) throw lost(existing[LEASE_EPOCH_FIELD]);
      if (!options?.upsert) return result;
      try {
        await collection.insertOne(stamped);
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw lost('(a newer one)');
        throw error;
      }
      return { matched: 0, modified: 0, upsertedId: projection };
    };
    return new Proxy(collection, {
      get: (target, key) => {
        if (key === 'replaceOne') return replaceOne;
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
