import { KeyObject } from 'node:crypto';
import { EventStore, Position, START } from '@helpdesk/event-store';
import { ReadStore } from '@helpdesk/read-store';
import { compareCopy, CopyVerification, FeedCheck } from '../event-log/copy-verification';
import { copyEvents, CopyProgress } from '../event-log/event-copier';
import { globalFeed } from '../event-log/global-feed';
import { MigrationCheckpoint, MigrationCheckpoints } from './migration-checkpoint';

export interface MigrationOptions {
  /** Names the source in the checkpoint, so only a migration of the same source resumes from it. */
  sourceName: string;
  source: EventStore;
  /** The target adapter itself (not hash-chaining): each event is kept exactly as recorded. */
  target: EventStore;
  /** Where the read models are rebuilt, and where the copy keeps its checkpoint. */
  targetReadStore: ReadStore;
  /** Rebuilds every read model in the target read store from the target event store. */
  rebuild: () => Promise<void>;
  publicKey?: KeyObject;
  onProgress?: (progress: CopyProgress & { head: Position }) => void;
  /** How many events between checkpoint writes (a resumed copy re-checks at most these). */
  checkpointEvery?: number;
  now?: () => Date;
}

export interface MigrationReport {
  resumedFrom: Position;
  copy: CopyProgress;
  verification: CopyVerification;
  /** Events the source received after the copy's end (writers still running). */
  sourceMovedOn: boolean;
  rebuilt: boolean;
}

/**
 * Moves the event log to another store, then rebuilds the read models there:
 * 1. copies the log in global order (resuming after the checkpoint a stopped run left; events
 *    the target already holds are recognised by id, so nothing is appended twice);
 * 2. reads both logs back and compares them, and verifies every chain and signed checkpoint;
 * 3. only then rebuilds every read model on the target.
 */
export async function migrateEventLog(options: MigrationOptions): Promise<MigrationReport> {
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const checkpoints = new MigrationCheckpoints(options.targetReadStore);
  const previous = await checkpoints.get(options.sourceName);
  const resumedFrom = previous ? BigInt(previous.sourcePosition) : START;
  let checkpoint: MigrationCheckpoint = previous ?? {
    _id: 'event-log',
    source: options.sourceName,
    sourcePosition: START.toString(),
    targetPosition: START.toString(),
    copied: 0,
    phase: 'copying',
    startedAt: now(),
    updatedAt: now(),
  };
  const head = await options.source.headPosition();
  const every = options.checkpointEvery ?? 500;
  let savedAt = 0; // events this run had handled at the last checkpoint write
  const save = async (progress: CopyProgress, phase: MigrationCheckpoint['phase']) => {
    checkpoint = {
      ...checkpoint,
      sourcePosition: progress.sourcePosition.toString(),
      targetPosition: progress.targetPosition.toString(),
      copied: (previous?.copied ?? 0) + progress.copied,
      phase,
      updatedAt: now(),
    };
    await checkpoints.put(checkpoint);
    savedAt = progress.copied + progress.alreadyThere;
  };

  const copy = await copyEvents(globalFeed(options.source, resumedFrom), options.target, {
    heldUpTo: previous ? BigInt(previous.targetPosition) : undefined,
    onProgress: async (progress) => {
      options.onProgress?.({ ...progress, head });
      if (progress.copied + progress.alreadyThere - savedAt >= every) await save(progress, 'copying');
    },
  });
  if (copy.sourcePosition === START && previous) copy.sourcePosition = resumedFrom; // nothing new since
  if (copy.targetPosition === START && previous) copy.targetPosition = BigInt(previous.targetPosition);
  await save(copy, 'copied');

  const source = new FeedCheck(options.publicKey);
  for await (const event of globalFeed(options.source, START, { upTo: copy.sourcePosition })) source.add(event);
  const target = new FeedCheck(options.publicKey);
  for await (const event of globalFeed(options.target)) target.add(event);
  const verification = compareCopy(source.result(), target.result());
  const sourceMovedOn = (await options.source.headPosition()) > copy.sourcePosition;

  let rebuilt = false;
  if (verification.ok) {
    await options.rebuild();
    await save(copy, 'rebuilt');
    rebuilt = true;
  }
  return { resumedFrom, copy, verification, sourceMovedOn, rebuilt };
}
