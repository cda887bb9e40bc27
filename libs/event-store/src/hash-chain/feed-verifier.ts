import { KeyObject } from 'node:crypto';
import { StoredEvent } from '../stored-event';
import { BrokenLink, StreamChainVerifier, StreamVerification } from './chain-verification';
import { CHECKPOINT_EVENT, checkpointSignatureValid, FeedCheckpoint, nextFeedHash } from './feed-checkpoint';
import { GENESIS_HASH } from './event-hash';

export interface CheckpointProblem {
  checkpointPosition: string;
  covers: string;
  reason: string;
}

export interface FeedVerification {
  ok: boolean;
  events: number;
  streams: StreamVerification[];
  checkpointsChecked: number;
  /** Checkpoints whose signature or feed hash does not hold: events were removed, added or reordered. */
  checkpointProblems: CheckpointProblem[];
  brokenStreams: BrokenLink[];
}

/**
 * Reads the whole feed once: every stream's chain, and every signed checkpoint against the feed
 * hash recomputed up to the position it covers. Stream chains catch edits; checkpoints also
 * catch what chains cannot see, such as a stream's last events or a whole stream deleted.
 */
export class FeedVerifier {
  private readonly streams = new Map<string, StreamChainVerifier>();
  private readonly hashAt = new Map<string, { hash: string; events: number }>();
  private feedHash = GENESIS_HASH;
  private count = 0;
  private checked = 0;
  private readonly problems: CheckpointProblem[] = [];

  constructor(private readonly publicKey?: KeyObject) {}

  add(event: StoredEvent): void {
    let stream = this.streams.get(event.streamId);
    if (!stream) this.streams.set(event.streamId, (stream = new StreamChainVerifier(event.streamId)));
    stream.add(event);
    if (event.type === CHECKPOINT_EVENT) this.check(event.position.toString(), event.data as unknown as FeedCheckpoint);
    this.feedHash = nextFeedHash(this.feedHash, event);
    this.count++;
    this.hashAt.set(event.position.toString(), { hash: this.feedHash, events: this.count });
  }

  result(): FeedVerification {
    const streams = [...this.streams.values()].map((s) => s.result());
    const brokenStreams = streams.filter((s) => !s.ok).map((s) => s.firstBroken!);
    return { ok: brokenStreams.length === 0 && this.problems.length === 0, events: this.count, streams, checkpointsChecked: this.checked, checkpointProblems: this.problems, brokenStreams };
  }

  private check(at: string, checkpoint: FeedCheckpoint): void {
    this.checked++;
    const problem = (reason: string) => this.problems.push({ checkpointPosition: at, covers: checkpoint.position, reason });
    if (this.publicKey && !checkpointSignatureValid(checkpoint, this.publicKey)) return void problem('the signature does not verify with the audit key');
    const recomputed = this.hashAt.get(checkpoint.position);
    if (!recomputed) return void problem(`position ${checkpoint.position} is no longer in the feed`);
    if (recomputed.hash !== checkpoint.feedHash || recomputed.events !== checkpoint.events) {
      problem(`the feed up to position ${checkpoint.position} differs from what was signed (${checkpoint.events} events then, ${recomputed.events} now)`);
    }
    // Later checkpoints cover later positions: only what follows this one needs remembering.
    for (const position of this.hashAt.keys()) {
      if (BigInt(position) > BigInt(checkpoint.position)) break;
      this.hashAt.delete(position);
    }
  }
}
