import { randomUUID } from 'node:crypto';
import {
  CHECKPOINT_EVENT,
  CHECKPOINT_STREAM,
  CheckpointSigner,
  EventStore,
  FeedCheckpoint,
  GENESIS_HASH,
  nextFeedHash,
  START,
  WrongExpectedRevisionError,
} from '@helpdesk/event-store';
import { Clock } from '@helpdesk/shared';

const BATCH = 5000;

/**
 * Signs the global feed: continues the rolling feed hash from the last checkpoint to the head
 * and appends a signed `FeedCheckpointSigned`. Several processes may run it; the expected
 * revision on the checkpoint stream lets exactly one of them write each checkpoint.
 */
export class FeedCheckpointer {
  constructor(
    private readonly store: EventStore,
    private readonly signer: CheckpointSigner,
    private readonly clock: Clock,
  ) {}

  /** The new checkpoint, or null when nothing happened since the last one (or another process wrote it). */
  async checkpoint(): Promise<FeedCheckpoint | null> {
    const [last] = await this.store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
    const from = last?.data as unknown as FeedCheckpoint | undefined;
    let position = from ? BigInt(from.position) : START;
    let feedHash = from?.feedHash ?? GENESIS_HASH;
    let events = from?.events ?? 0;
    let onlyTheLastCheckpoint = true;
    for (;;) {
      const batch = await this.store.readAll(position, BATCH);
      if (batch.length === 0) break;
      for (const event of batch) {
        if (event.id !== last?.id) onlyTheLastCheckpoint = false;
        feedHash = nextFeedHash(feedHash, event);
        events++;
        position = event.position;
      }
    }
    if (onlyTheLastCheckpoint) return null;
    const now = this.clock.now().toISOString();
    const checkpoint = this.signer.sign({ position: position.toString(), events, feedHash, signedAt: now });
    try {
      const id = randomUUID();
      await this.store.append(
        CHECKPOINT_STREAM,
        [{ id, type: CHECKPOINT_EVENT, data: { ...checkpoint }, metadata: { eventId: id, correlationId: id, causationId: id, actor: { id: 'audit-checkpointer', role: 'system' }, occurredAt: now, schemaVersion: 1 } }],
        last ? last.revision : 'no_stream',
      );
      return checkpoint;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return null;
      throw error;
    }
  }
}
