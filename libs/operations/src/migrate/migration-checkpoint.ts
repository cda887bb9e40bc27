import { Doc, ReadStore } from '@helpdesk/read-store';

/** How far a migration has copied, kept in the target's read store beside the read models. */
export interface MigrationCheckpoint extends Doc {
  _id: 'event-log';
  /** The source it copies (a migration from elsewhere does not resume from this one). */
  source: string;
  sourcePosition: string;
  targetPosition: string;
  copied: number;
  phase: 'copying' | 'copied' | 'rebuilt';
  startedAt: string;
  updatedAt: string;
}

export const MIGRATION_COLLECTION = '_migration';

export class MigrationCheckpoints {
  constructor(private readonly store: ReadStore) {}

  async get(source: string): Promise<MigrationCheckpoint | null> {
    const found = await this.store.collection<MigrationCheckpoint>(MIGRATION_COLLECTION).findOne({ _id: 'event-log' });
    return found?.source === source ? found : null;
  }

  async put(checkpoint: MigrationCheckpoint): Promise<void> {
    await this.store.collection<MigrationCheckpoint>(MIGRATION_COLLECTION).replaceOne({ _id: 'event-log' }, checkpoint, { upsert: true });
  }
}
