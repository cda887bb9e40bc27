import { Doc } from '@helpdesk/read-store';

/**
 * The documents a rebuild's earlier batches wrote, by logical collection and id (`null`: known
 * absent). Only the rebuilding runner writes its generation, so what it wrote is what is there.
 * Bounded: past `capacity` documents the oldest entries go, and are read again if needed.
 */
export class DocumentCache {
  private readonly docs = new Map<string, Doc | null>();

  constructor(private readonly capacity: number) {}

  get(collection: string, id: string): Doc | null | undefined {
    return this.docs.get(key(collection, id));
  }

  set(collection: string, id: string, doc: Doc | null): void {
    const k = key(collection, id);
    this.docs.delete(k); // re-inserted last, so the oldest stay first in line to go
    this.docs.set(k, doc);
    if (this.docs.size > this.capacity) {
      for (const old of this.docs.keys()) {
        this.docs.delete(old);
        if (this.docs.size <= this.capacity * 0.9) break;
      }
    }
  }

  /** A batch failed: what it may have staged here must not outlive it. */
  clear(): void {
    this.docs.clear();
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;
