import { createHash, Hash } from 'node:crypto';
import { eventHash, GENESIS_HASH, linkOf, StoredEvent } from '@helpdesk/event-store';

export interface FeedDigestResult {
  events: number;
  /** Over every event's id, stream, revision and content hash, in feed order. */
  content: string;
  /** Over every event's global position, in feed order. */
  positions: string;
}

/**
 * A fingerprint of a feed, to tell whether two stores hold the same events in the same order
 * without holding either in memory. An event's content is stood for by its chain hash (checked
 * separately by the chain verifier) or, for an event with no link, by its recomputed hash.
 */
export class FeedDigest {
  private readonly content: Hash = createHash('sha256');
  private readonly positions: Hash = createHash('sha256');
  private count = 0;

  add(event: StoredEvent): void {
    const hash = linkOf(event.metadata)?.hash ?? eventHash(GENESIS_HASH, event);
    this.content.update(`${event.id}\n${event.streamId}\n${event.revision}\n${event.type}\n${hash}\n`);
    this.positions.update(`${event.position}\n`);
    this.count++;
  }

  result(): FeedDigestResult {
    return { events: this.count, content: this.content.copy().digest('hex'), positions: this.positions.copy().digest('hex') };
  }
}
