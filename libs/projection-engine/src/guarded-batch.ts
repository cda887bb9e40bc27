import { Doc, DuplicateKeyError, ReadStore } from '@helpdesk/read-store';
import { PaddedPosition } from './padded-position';
import { PendingBatch, ProjectionRegistry, RegistrySlot } from './projection-registry';
import { POSITION_FIELD, StagedWrite } from './unit-of-work';

export const JOURNAL_COLLECTION = '_batch_journal';

/** Largest journal document, well under the 16 MiB BSON limit of MongoDB and its kin. */
const CHUNK_BYTES = 4 * 1024 * 1024;

interface JournalChunk extends Doc {
  projection: string;
  slot: RegistrySlot;
  generation: number;
  checkpoint: PaddedPosition;
  index: number;
  writes: StagedWrite[];
}

/** The slot of the registry a runner writes: this projection, this generation, live or rebuilding. */
export interface SlotRef {
  projection: string;
  slot: RegistrySlot;
  generation: number;
}

/**
 * A projection batch made crash-safe without multi-document transactions.
 *
 * 1. The batch's document writes are journaled (`_batch_journal`), then one registry write marks
 *    the batch pending: from that instant the batch counts as committed.
 * 2. Each document is written only over an older `_position` (a conditional upsert; a duplicate
 *    key means a newer or equal version is already there), so replaying a write changes nothing.
 * 3. One registry write moves the checkpoint and clears the mark; the journal is then dropped.
 *
 * A crash before 2 leaves an unmarked journal (discarded: the batch is redelivered whole); a
 * crash during or after 2 leaves the mark, and the next batch first replays the journal. So the
 * documents of a batch are all written or none is, even though projections derive documents
 * from one another (workload counts from a ticket's slot), and the checkpoint never passes them.
 */
export class GuardedBatch {
  constructor(
    private readonly store: ReadStore,
    private readonly registry: ProjectionRegistry,
    private readonly ref: SlotRef,
  ) {}

  /** Finishes a batch a crash interrupted. Returns its checkpoint, or null if there was none. */
  async recover(pending: PendingBatch | undefined): Promise<PaddedPosition | null> {
    if (!pending) return null;
    const chunks = await this.journal().find(this.ownChunks(), { sort: { index: 1 } });
    const complete = chunks.length === pending.chunks && chunks.every((c) => c.checkpoint === pending.checkpoint);
    // The mark is written after its whole journal, so an incomplete one means the checkpoint
    // already moved and the journal was being dropped: nothing is left to replay.
    if (complete) for (const chunk of chunks) await this.apply(chunk.writes);
    if (!(await this.registry.setCheckpoint(this.ref.projection, this.ref.slot, this.ref.generation, pending.checkpoint))) return null;
    await this.journal().deleteMany(this.ownChunks());
    return pending.checkpoint;
  }

  /** Commits `writes` and moves the checkpoint to `checkpoint`. False: the generation moved on. */
  async commit(writes: StagedWrite[], checkpoint: PaddedPosition): Promise<boolean> {
    const { projection, slot, generation } = this.ref;
    // One document write is atomic by itself: no journal needed.
    if (writes.length === 1) await this.apply(writes);
    else if (writes.length > 1) {
      const chunks = split(writes);
      // Left by a batch that crashed before its mark: never committed, so never replayed.
      await this.journal().deleteMany(this.ownChunks());
      for (const [index, chunk] of chunks.entries()) {
        await this.journal().insertOne({ _id: `${projection}:${slot}:${generation}:${index}`, projection, slot, generation, checkpoint, index, writes: chunk });
      }
      if (!(await this.registry.markPending(projection, slot, generation, { checkpoint, chunks: chunks.length }))) return false;
      await this.apply(writes);
    }
    if (!(await this.registry.setCheckpoint(projection, slot, generation, checkpoint))) return false;
    if (writes.length > 1) await this.journal().deleteMany(this.ownChunks());
    return true;
  }

  private async apply(writes: StagedWrite[]): Promise<void> {
    for (const write of writes) {
      const target = this.store.collection(write.collection);
      const older = { $or: [{ [POSITION_FIELD]: { $lt: write.position } }, { [POSITION_FIELD]: { $exists: false } }] };
      if (write.doc === null) {
        await target.deleteOne({ _id: write.id, $or: [{ [POSITION_FIELD]: { $lte: write.position } }, { [POSITION_FIELD]: { $exists: false } }] });
        continue;
      }
      try {
        await target.replaceOne({ _id: write.id, ...older }, write.doc, { upsert: true });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        // The upsert found the _id taken: fine if by this write or a later one, else a real
        // clash on a unique index, which must not be swallowed.
        const current = await target.findOne({ _id: write.id });
        const applied = current?.[POSITION_FIELD];
        if (!(typeof applied === 'string' && applied >= write.position)) throw error;
      }
    }
  }

  private journal() {
    return this.store.collection<JournalChunk>(JOURNAL_COLLECTION);
  }

  private ownChunks() {
    return { projection: this.ref.projection, slot: this.ref.slot, generation: this.ref.generation };
  }
}

function split(writes: StagedWrite[]): StagedWrite[][] {
  const chunks: StagedWrite[][] = [[]];
  let bytes = 0;
  for (const write of writes) {
    const size = JSON.stringify(write).length;
    if (bytes + size > CHUNK_BYTES && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks.at(-1)!.push(write);
    bytes += size;
  }
  return chunks;
}
