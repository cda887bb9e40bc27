import { KeyObject } from 'node:crypto';
import { EventStore, StoredEvent } from '@helpdesk/event-store';
import { compareCopy, CopyVerification, FeedCheck } from './copy-verification';
import { copyEvents, CopyProgress } from './event-copier';
import { globalFeed } from './global-feed';

export interface ImportResult {
  progress: CopyProgress;
  verification: CopyVerification;
}

/**
 * Appends an exported log to `target` (the raw adapter; empty, or holding the part of this same
 * log an interrupted import left), then reads the target back and compares: same events in the
 * same order, every chain verifying there, the signed checkpoints holding.
 */
export async function importEvents(events: AsyncIterable<StoredEvent>, target: EventStore, options: { publicKey?: KeyObject; onProgress?: (p: CopyProgress) => void } = {}): Promise<ImportResult> {
  const source = new FeedCheck(options.publicKey);
  async function* checked(): AsyncGenerator<StoredEvent> {
    for await (const event of events) {
      source.add(event);
      yield event;
    }
  }
  const progress = await copyEvents(checked(), target, { onProgress: options.onProgress });
  const copy = new FeedCheck(options.publicKey);
  for await (const event of globalFeed(target)) copy.add(event);
  return { progress, verification: compareCopy(source.result(), copy.result()) };
}
