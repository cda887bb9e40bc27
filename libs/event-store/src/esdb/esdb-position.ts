import type { Position as EsdbPosition } from '@eventstore/db-client';
import { Position } from '../position';

/*
 * Our Position is one bigint; EventStoreDB's is a (commit, prepare) pair of byte offsets in its
 * transaction log. We use the COMMIT position, and map back with prepare = commit.
 *
 * Why that is exact (for every event written through gRPC, i.e. by any client since 20.6):
 * - An append of N events is an implicit transaction. The writer stores each event as its own
 *   prepare record flagged IsCommitted (no separate commit record):
 *   KurrentDB src/KurrentDB.Core/Services/Storage/StorageWriterService.cs
 *   (`PrepareFlags.Data | PrepareFlags.IsCommitted`, one record per event).
 * - Reading $all treats such a record as its own commit and reports
 *   TFPos(prepare.LogPosition, prepare.LogPosition) for it:
 *   KurrentDB src/KurrentDB.Core/Services/Storage/ReaderIndex/AllReader.cs
 *   (`new CommitEventRecord(eventRecord, prepare.LogPosition)`). So commit == prepare, and the
 *   events of one multi-event append get DIFFERENT, strictly increasing positions; see also
 *   kurrent-io/KurrentDB-Client-Dotnet#20 (4096-event batch read back as C:2746/P:2746,
 *   C:2842/P:2842, ...) and KurrentDB#3989 ("prepare position can only be different if you use
 *   explicit transactions").
 * - An append returns the commit position of its LAST event (the CommitAck of the record flagged
 *   TransactionEnd, StorageChaser.cs; RequestManager/Managers/WriteEvents.cs sends it as both
 *   commit and prepare), which equals that event's $all position.
 * - Only explicit transactions (legacy TCP API, deprecated and removed from 24.x) share one
 *   commit position across several events with distinct prepare positions. We cannot represent
 *   those with one bigint, so toPosition() reports them as "no position" and readers refuse them.
 * - Forward reads of $all from a position are inclusive (AllReader: `>= pos`); backward reads are
 *   exclusive. Callers skip what they have already seen by comparing (commit, prepare) pairs.
 */

/** The largest uint64: what servers before 22.6 put in events read from a stream (KurrentDB#3459). */
const NO_POSITION = 2n ** 64n - 1n;

/** Our position for an EventStoreDB position, or undefined when it has none we can represent. */
export function toPosition(position: EsdbPosition | undefined): Position | undefined {
  if (!position) return undefined;
  const { commit, prepare } = position;
  if (commit < 0n || commit >= NO_POSITION || commit !== prepare) return undefined;
  return commit;
}

/** EventStoreDB's position for one of ours (which is always the commit == prepare of an event). */
export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position, prepare: position };
}

/** Orders positions as the log does: by commit, then by prepare. */
export function comparePositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
