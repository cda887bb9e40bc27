import { Position, START } from '@helpdesk/event-store';
import { padPosition, unpadPosition } from '@helpdesk/projection-engine';
import { Doc, ReadStore } from '@helpdesk/read-store';

export const OUTBOX_COLLECTION = '_outbox';

interface CheckpointDoc extends Doc {
  checkpoint: string;
  updatedAt: string;
}

/**
 * Where the notification outbox stands in the global feed, kept in the read store and written
 * only after the batch's notifications were appended: after a crash the feed is read again from
 * here, and whatever was already recorded is refused by its `no_stream` append.
 */
export class OutboxCheckpoint {
  constructor(
    private readonly store: ReadStore,
    private readonly name = 'notifications',
  ) {}

  async get(): Promise<Position | null> {
    const doc = await this.store.collection<CheckpointDoc>(OUTBOX_COLLECTION).findOne({ _id: this.name });
    if (!doc) return null;
    return doc.checkpoint ? unpadPosition(doc.checkpoint) : START;
  }

  async set(position: Position): Promise<void> {
    await this.store
      .collection<CheckpointDoc>(OUTBOX_COLLECTION)
      .replaceOne({ _id: this.name }, { _id: this.name, checkpoint: position === START ? '' : padPosition(position), updatedAt: new Date().toISOString() }, { upsert: true });
  }
}
