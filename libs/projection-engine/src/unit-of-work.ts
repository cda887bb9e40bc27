import { Doc, DocWrite, ReadStore } from '@helpdesk/read-store';
import { StoredEvent } from '@helpdesk/event-store';
import { frozenUnderTest } from '@helpdesk/shared';
import { DocumentCache } from './document-cache';
import { PaddedPosition, padPosition } from './padded-position';

interface Entry {
  doc: Doc | null;
  dirty: boolean;
  /** The position of the last event this batch applied to the document (kept for deletions too). */
  position?: PaddedPosition;
}

/** One document write a batch stages: the new document, or `null` to delete it. */
export interface StagedWrite {
  /** Physical collection name. */
  collection: string;
  id: string;
  position: PaddedPosition;
  doc: Doc | null;
}

/** Field on every projected document: the position of the last event applied to it. */
export const POSITION_FIELD = '_position';

/**
 * Documents touched by one batch, loaded once and written once at the end. Each document
 * remembers the last position applied to it, so an event delivered twice changes nothing.
 *
 * Documents are handed to projections as they are, not copied: a projection returns a new
 * document and never changes the one it was given (under test they are frozen, so a projection
 * that does fails). A rebuild passes a `cache` of the documents its earlier batches wrote, so a
 * document is read from the store once per rebuild rather than once per batch.
 */
export class ProjectionUnitOfWork {
  private readonly entries = new Map<string, Map<string, Entry>>();

  constructor(
    private readonly store: ReadStore,
    private readonly physicalName: (logical: string) => string,
    private readonly cache?: DocumentCache,
  ) {}

  /** Current version of a document as this batch sees it (including its own staged changes). */
  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return (await this.entry(collection, id)).doc as T | null;
  }

  /**
   * Applies `change` to a document unless this event was already applied to it.
   * `change` returns the new document, `null` to delete it, or `undefined` for no change.
   */
  async update<T extends Doc>(collection: string, id: string, event: StoredEvent, change: (doc: T | null) => T | null | undefined): Promise<void> {
    const entry = await this.entry(collection, id);
    const position: PaddedPosition = padPosition(event.position);
    const applied = entry.doc?.[POSITION_FIELD] as string | undefined;
    if (applied && applied >= position) return;
    const next = change(entry.doc as T | null);
    if (next === undefined) return;
    entry.doc = next === null ? null : frozenUnderTest({ ...next, _id: id, [POSITION_FIELD]: position });
    entry.dirty = true;
    entry.position = position;
  }

  /** Every changed document, for writers that do not run inside a transaction (see GuardedBatch). */
  staged(): StagedWrite[] {
    const writes: StagedWrite[] = [];
    for (const [collection, byId] of this.entries) {
      for (const [id, entry] of byId) {
        if (entry.dirty && entry.position) writes.push({ collection: this.physicalName(collection), id, position: entry.position, doc: entry.doc });
      }
    }
    return writes;
  }

  /** Writes every changed document, one bulk write per collection. Runs inside the batch's transaction. */
  async flush(): Promise<number> {
    let written = 0;
    for (const [collection, byId] of this.entries) {
      const writes: DocWrite[] = [];
      for (const [id, entry] of byId) if (entry.dirty) writes.push({ id, doc: entry.doc });
      await this.store.collection(this.physicalName(collection)).writeMany(writes);
      written += writes.length;
    }
    return written;
  }

  /** After the batch committed: what it wrote is what the store now holds, so the cache may keep it. */
  committed(): void {
    if (!this.cache) return;
    for (const [collection, byId] of this.entries) {
      for (const [id, entry] of byId) this.cache.set(collection, id, entry.doc);
    }
  }

  private async entry(collection: string, id: string): Promise<Entry> {
    let byId = this.entries.get(collection);
    if (!byId) this.entries.set(collection, (byId = new Map()));
    let entry = byId.get(id);
    if (!entry) {
      const cached = this.cache?.get(collection, id);
      const doc = cached !== undefined ? cached : frozenUnderTest(await this.store.collection(this.physicalName(collection)).findOne({ _id: id }));
      byId.set(id, (entry = { doc, dirty: false }));
    }
    return entry;
  }
}
