import { Doc } from '@helpdesk/read-store';

/**
 * The documents a rebuild's earlier batches wrote, by logical collection and id (`null`: known
 * absent). Only the rebuilding runner writes its generation, so what it wrote is what is there.
 * Bounded: past `capacity` documents the oldest entries go, and are read again if needed.
 * While `complete` (a generation that was empty when the rebuild began, nothing forgotten since),
 * a document not here is not in the store either, and is not looked for.
 */
export class DocumentCache {
  private readonly docs = new Map<string, Doc | null>();
  private complete = false;

  constructor(private readonly capacity: number) {}

  get(collection: string, id: string): Doc | null | undefined {
    const doc = this.docs.get(key(collection, id));
    return doc === undefined && this.complete ? null : doc;
  }

  /** The generation holds nothing this cache does not: from now on a miss is an absence. */
  markComplete(): void {
    this.complete = true;
  }

  set(collection: string, id: string, doc: Doc | null): void {
    const k = key(collection, id);
    this.docs.delete(k); // re-inserted last, so the oldest stay first in line to go
    this.docs.set(k, doc);
    if (this.docs.size > this.capacity) {
      this.complete = false;
      for (const old of this.docs.keys()) {
        this.docs.delete(old);
        if (this.docs.size <= this.capacity * 0.9) break;
      }
    }
  }

  /** A batch failed: the store may now hold writes this cache never saw (a guarded batch half written). */
  clear(): void {
    this.complete = false;
    this.docs.clear();
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;
