import { KeyObject } from 'node:crypto';
import { FeedVerification, FeedVerifier, StoredEvent } from '@helpdesk/event-store';
import { FeedDigest, FeedDigestResult } from './feed-digest';

/** One side of a copy, read once: its chains and signed checkpoints, and its fingerprint. */
export class FeedCheck {
  private readonly verifier: FeedVerifier;
  private readonly digest = new FeedDigest();

  constructor(publicKey?: KeyObject) {
    this.verifier = new FeedVerifier(publicKey);
  }

  add(event: StoredEvent): void {
    this.verifier.add(event);
    this.digest.add(event);
  }

  result(): { verification: FeedVerification; digest: FeedDigestResult } {
    return { verification: this.verifier.result(), digest: this.digest.result() };
  }
}

export interface CopyVerification {
  ok: boolean;
  events: { source: number; target: number };
  /** Same events (ids, streams, revisions, types, content) in the same order on both sides. */
  sameEvents: boolean;
  /** The target gave every event the position it had in the source. */
  samePositions: boolean;
  /** Every stream's chain verifies on the target. */
  targetChainsOk: boolean;
  /**
   * The signed feed checkpoints verify. They name source positions: where the target numbers its
   * feed differently (EventStoreDB commit positions), they are checked against the source feed.
   */
  checkpointsOk: boolean;
  checkpointsChecked: number;
  problems: string[];
}

/** Compares the two sides of a copy; every problem found is named. */
export function compareCopy(source: ReturnType<FeedCheck['result']>, target: ReturnType<FeedCheck['result']>): CopyVerification {
  const problems: string[] = [];
  const sameEvents = source.digest.events === target.digest.events && source.digest.content === target.digest.content;
  if (source.digest.events !== target.digest.events) problems.push(`the source has ${source.digest.events} event(s), the target ${target.digest.events}`);
  else if (!sameEvents) problems.push('the target holds other events, or the same events in another order');
  const samePositions = sameEvents && source.digest.positions === target.digest.positions;
  for (const b of target.verification.brokenStreams) {
    problems.push(`target: ${b.streamId} breaks at revision ${b.revision} (event ${b.eventId}): ${b.reason}`);
  }
  for (const b of source.verification.brokenStreams) {
    problems.push(`source: ${b.streamId} breaks at revision ${b.revision} (event ${b.eventId}): ${b.reason}`);
  }
  const checked = samePositions ? target.verification : source.verification;
  for (const p of checked.checkpointProblems) problems.push(`checkpoint at ${p.checkpointPosition} (covering ${p.covers}): ${p.reason}`);
  const targetChainsOk = target.verification.brokenStreams.length === 0;
  const checkpointsOk = checked.checkpointProblems.length === 0;
  return {
    ok: sameEvents && targetChainsOk && checkpointsOk && source.verification.brokenStreams.length === 0,
    events: { source: source.digest.events, target: target.digest.events },
    sameEvents,
    samePositions,
    targetChainsOk,
    checkpointsOk,
    checkpointsChecked: checked.checkpointsChecked,
    problems,
  };
}
