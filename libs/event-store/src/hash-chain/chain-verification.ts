import { StoredEvent } from '../stored-event';
import { eventHash, GENESIS_HASH, linkOf } from './event-hash';

export interface BrokenLink {
  streamId: string;
  revision: number;
  eventId: string;
  position: string;
  reason: string;
}

export interface StreamVerification {
  streamId: string;
  events: number;
  ok: boolean;
  /** The first event whose link does not hold: everything from here on is suspect. */
  firstBroken?: BrokenLink;
}

/**
 * Recomputes a stream's chain from its first event. Reports the first event whose content no
 * longer matches its hash, whose link does not point at its predecessor, or which is missing.
 */
export class StreamChainVerifier {
  private prev = GENESIS_HASH;
  private expectedRevision = 0;
  private count = 0;
  private broken?: BrokenLink;

  constructor(readonly streamId: string) {}

  add(event: StoredEvent): void {
    this.count++;
    if (this.broken) return;
    const at = (reason: string): BrokenLink => ({ streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position.toString(), reason });
    const link = linkOf(event.metadata);
    if (event.revision !== this.expectedRevision) this.broken = at(`revision ${this.expectedRevision} is missing`);
    else if (!link) this.broken = at('the event carries no hash link');
    else if (link.prev !== this.prev) this.broken = at('the event does not link to the previous event of its stream');
    else if (eventHash(link.prev, event) !== link.hash) this.broken = at('the event’s content does not match its recorded hash');
    this.prev = link?.hash ?? this.prev;
    this.expectedRevision = event.revision + 1;
  }

  result(): StreamVerification {
    return { streamId: this.streamId, events: this.count, ok: !this.broken, ...(this.broken ? { firstBroken: this.broken } : {}) };
  }
}

export function verifyStream(streamId: string, events: StoredEvent[]): StreamVerification {
  const verifier = new StreamChainVerifier(streamId);
  for (const event of events) verifier.add(event);
  return verifier.result();
}
