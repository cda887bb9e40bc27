import { Doc, ReadStore } from '@helpdesk/read-store';
import { PaddedPosition } from './padded-position';

/** Where each projection stands, in the read store itself (so it commits with the batches). */
export interface ProjectionRecord extends Doc {
  _id: string;
  /** The generation queries read, and the code version that built it. */
  active: { version: number; generation: number; checkpoint: PaddedPosition };
  /** A rebuild in progress into a fresh generation; switched to `active` once caught up. */
  building: { version: number; generation: number; checkpoint: PaddedPosition; startedAt: string } | null;
  updatedAt: string;
}

export const REGISTRY_COLLECTION = '_projections';
export const DEAD_LETTER_COLLECTION = '_dead_letters';

/** Physical collection name of a projection's logical collection in one generation. */
export const physicalName = (logical: string, generation: number) => `${logical}_g${generation}`;

export class ProjectionRegistry {
  constructor(private readonly store: ReadStore) {}

  get(name: string, store: ReadStore = this.store): Promise<ProjectionRecord | null> {
    return store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: name });
  }

  async put(record: ProjectionRecord, store: ReadStore = this.store): Promise<void> {
    await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).replaceOne({ _id: record._id }, record, { upsert: true });
  }

  all(): Promise<ProjectionRecord[]> {
    return this.store.collection<ProjectionRecord>(REGISTRY_COLLECTION).find({});
  }
}
