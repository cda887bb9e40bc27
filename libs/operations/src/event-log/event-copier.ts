import { DuplicateEventIdError, EventStore, Position, START, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';

/** The target holds events that are not this log's (or not in this order): copying would mix two logs. */
export class TargetDivergesError extends Error {
  override readonly name = 'TargetDivergesError';
}

export interface CopyProgress {
  /** Events appended to the target by this run. */
  copied: number;
  /** Events the target already held (a resumed copy), checked by id and revision. */
  alreadyThere: number;
  /** Source position of the last event the target is now known to hold. */
  sourcePosition: Position;
  /** Where that event stands in the target's feed. */
  targetPosition: Position;
}

export interface CopyOptions {
  /** Called after every append (and once after the events found already there). */
  onProgress?: (progress: CopyProgress) => void | Promise<void>;
  /** Longest run of one stream's consecutive events appended as one. */
  maxRun?: number;
  /**
   * Target position of the last event a previous run is known to have copied, when `source`
   * starts after it (a resumed copy that kept a checkpoint).
   */
  heldUpTo?: Position;
}

/**
 * Appends a log, in its global order, to a target store keeping every event's id, stream,
 * revision, type, data and metadata (so its hash-chain link) exactly: the target must be the
 * raw adapter, not the hash-chaining decorator, or chains would be recomputed rather than kept.
 *
 * Resumable and idempotent by event id: on a target that already holds a prefix of the log
 * (a copy that was stopped), the events it holds are recognised by id at their revision and
 * skipped, and the copy continues after them. Each append names the exact revision the stream
 * must be at, so nothing is ever appended twice or out of place.
 */
export async function copyEvents(source: AsyncIterable<StoredEvent>, target: EventStore, options: CopyOptions = {}): Promise<CopyProgress> {
  const maxRun = options.maxRun ?? 200;
  const progress: CopyProgress = { copied: 0, alreadyThere: 0, sourcePosition: START, targetPosition: options.heldUpTo ?? START };
  const targetHead = await target.headPosition();
  let resuming = targetHead !== START;
  let lastHeldAt: Position = options.heldUpTo ?? START; // target position of the last event known there
  let run: StoredEvent[] = [];

  const flush = async () => {
    if (run.length === 0) return;
    const first = run[0];
    let appended;
    try {
      appended = await target.append(
        first.streamId,
        run.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        first.revision === 0 ? 'no_stream' : first.revision - 1,
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) {
        throw new TargetDivergesError(`The target refused ${first.streamId} revision ${first.revision} (event ${first.id}): ${error.message}. It holds events this log does not have.`);
      }
      throw error;
    }
    progress.copied += run.length;
    progress.sourcePosition = run[run.length - 1].position;
    progress.targetPosition = appended.position;
    run = [];
    await options.onProgress?.({ ...progress });
  };

  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<StoredEvent>;
    try {
      next = await iterator.next();
    } catch (error) {
      await flush(); // what came before a bad input is appended, so a rerun continues after it
      throw error;
    }
    if (next.done) break;
    const event = next.value;
    if (resuming) {
      const [held] = await target.readStream(event.streamId, { fromRevision: event.revision, maxCount: 1 });
      if (held && held.revision === event.revision) {
        if (held.id !== event.id) {
          throw new TargetDivergesError(`The target's ${event.streamId} revision ${event.revision} is event ${held.id}, not ${event.id}.`);
        }
        progress.alreadyThere++;
        progress.sourcePosition = event.position;
        progress.targetPosition = held.position;
        lastHeldAt = held.position;
        continue;
      }
      // The first event the target lacks: what it holds must be exactly the part already copied.
      if (lastHeldAt !== targetHead) {
        throw new TargetDivergesError(
          lastHeldAt === START
            ? 'The target event store is not empty and does not hold the start of this log.'
            : 'The target holds events after the part of this log it has (its head is past them).',
        );
      }
      resuming = false;
      await options.onProgress?.({ ...progress });
    }
    const last = run[run.length - 1];
    if (last && (last.streamId !== event.streamId || last.revision + 1 !== event.revision || run.length >= maxRun)) await flush();
    run.push(event);
  }
  await flush();
  if (resuming && lastHeldAt !== targetHead) {
    throw new TargetDivergesError('The target event store holds events this log does not have.');
  }
  return progress;
}
