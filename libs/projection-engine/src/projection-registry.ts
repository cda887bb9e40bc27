import { Doc, ReadStore } from '@helpdesk/read-store';
import { PaddedPosition } from './padded-position';

/** Where each projection stands, in the read store itself (so it commits with the batches). */
export interface ProjectionRecord extends Doc {
  _id: string;
  /** The generation queries read, and the code version that built it. */
  active: { version: number; generation: number; checkpoint: PaddedPosition; pending?: PendingBatch };
  /** A rebuild in progress into a fresh generation; switched to `active` once caught up. */
  building: { version: number; generation: number; checkpoint: PaddedPosition; startedAt: string; pending?: PendingBatch } | null;
  updatedAt: string;
}

/**
 * Without transactions: a batch whose journal is complete and whose document writes may be
 * only partly done. Whoever finds it replays the journal before anything else (guarded-batch.ts).
 */
export interface PendingBatch {
  /** The checkpoint the batch moves to (its last event). */
  checkpoint: PaddedPosition;
  chunks: number;
}

export type RegistrySlot = 'active' | 'building';

export const REGISTRY_COLLECTION = '_projections';
export const DEAD_LETTER_COLLECTION = '_dead_letters';

/** Physical collection name of a projection's logical collection in one generation. */
export const physicalName = (logical: string, generation: number) => `${logical}_g${generation}`;

export class ProjectionRegistry {
  constructor(private readonly store: ReadStore) {}

  get(name: string, store: ReadStore = this.store): Promise<ProjectionRecord | null> {
    return store.collection<ProjectionRecord>(REGISTRY_COLLECTION).findOne({ _id: name });
  }

  /** Several records in one read, by name (a name without a record is absent from the map). */
  async getMany(names: string[]): Promise<Map<string, ProjectionRecord>> {
    const records = await this.records().find({ _id: { $in: names } });
    return new Map(records.map((r) => [r._id, r]));
  }

  async put(record: ProjectionRecord, store: ReadStore = this.store): Promise<void> {
    await store.collection<ProjectionRecord>(REGISTRY_COLLECTION).replaceOne({ _id: record._id }, record, { upsert: true });
  }

  /**
   * Single-document changes for stores without transactions, each only while `slot` is still
   * `generation`: false when it is not (another generation took over).
   */
  async markPending(name: string, slot: RegistrySlot, generation: number, pending: PendingBatch): Promise<boolean> {
    const result = await this.records().updateOne({ _id: name, [`${slot}.generation`]: generation }, { $set: { [`${slot}.pending`]: pending } });
    return result.matched === 1;
  }

  /** Moves the slot's checkpoint and clears its pending batch, in one document write. */
  async setCheckpoint(name: string, slot: RegistrySlot, generation: number, checkpoint: PaddedPosition): Promise<boolean> {
    const result = await this.records().updateOne(
      { _id: name, [`${slot}.generation`]: generation },
      { $set: { [`${slot}.checkpoint`]: checkpoint, updatedAt: new Date().toISOString() }, $unset: { [`${slot}.pending`]: '' } },
    );
    return result.matched === 1;
  }

  /** The blue/green switch: the building generation becomes active, in one document write. */
  async switchActive(name: string, generation: number, active: ProjectionRecord['active']): Promise<boolean> {
    const result = await this.records().updateOne({ _id: name, 'building.generation': generation }, { $set: { active, building: null, updatedAt: new Date().toISOString() } });
    return result.matched === 1;
  }

  /** Sets (or clears) the rebuild slot alone, leaving the live slot's checkpoint to its runner. */
  async setBuilding(name: string, building: ProjectionRecord['building']): Promise<void> {
    await this.records().updateOne({ _id: name }, { $set: { building, updatedAt: new Date().toISOString() } });
  }

  private records() {
    return this.store.collection<ProjectionRecord>(REGISTRY_COLLECTION);
  }

  all(): Promise<ProjectionRecord[]> {
    return this.store.collection<ProjectionRecord>(REGISTRY_COLLECTION).find({});
  }
}
