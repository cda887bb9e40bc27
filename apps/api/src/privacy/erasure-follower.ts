import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore, Position, START } from '@helpdesk/event-store';
import { padPosition, unpadPosition } from '@helpdesk/projection-engine';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { SUBJECT_STREAM_PREFIX, SubjectErasedData } from '@helpdesk/privacy';
import { STORED_EVENT_STORE } from './private-event-store.factory';
import { SubjectErasure } from './subject-erasure.service';

export const PRIVACY_COLLECTION = '_privacy';
const CHECKPOINT_ID = 'erasures';
const BATCH = 5000;

/**
 * Finishes erasures a crash interrupted: at start, reads the feed from its own checkpoint and
 * completes every `SubjectErased` it finds (each step is idempotent: a completed one is
 * completed again harmlessly), then moves the checkpoint. The erase request itself completes
 * its erasure before answering; this is the at-least-once half.
 */
@Injectable()
export class ErasureFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Privacy');
  private stopped = false;
  private run?: Promise<unknown>;

  constructor(
    @Inject(STORED_EVENT_STORE) private readonly stored: EventStore,
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly erasure: SubjectErasure,
  ) {}

  onApplicationBootstrap(): void {
    this.run = this.catchUp().catch((error) => this.logger.warn(`Erasure follow-up failed: ${(error as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.run;
  }

  /** Completes every erasure after the checkpoint; answers how many. */
  async catchUp(): Promise<number> {
    const checkpoints = this.store.collection<{ _id: string; checkpoint: string }>(PRIVACY_COLLECTION);
    const doc = await checkpoints.findOne({ _id: CHECKPOINT_ID });
    let after: Position = doc?.checkpoint ? unpadPosition(doc.checkpoint) : START;
    let completed = 0;
    while (!this.stopped) {
      const batch = await this.stored.readAll(after, BATCH);
      if (batch.length === 0) break;
      for (const event of batch) {
        if (this.stopped) return completed;
        if (event.type === 'SubjectErased' && event.streamId.startsWith(SUBJECT_STREAM_PREFIX)) {
          const erasure = event.data as unknown as SubjectErasedData;
          await this.erasure.runSerially(() => this.erasure.complete(erasure));
          completed++;
        }
        after = event.position;
      }
      await checkpoints.replaceOne({ _id: CHECKPOINT_ID }, { _id: CHECKPOINT_ID, checkpoint: padPosition(after) }, { upsert: true });
    }
    return completed;
  }
}
