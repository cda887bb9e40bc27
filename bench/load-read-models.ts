import { physicalName, ProjectionRegistry } from '@helpdesk/projection-engine';
import { ReadStore } from '@helpdesk/read-store';
import { QUEUE, QueueItem, queueProjection, TICKETS, ticketsProjection, TicketView } from '@helpdesk/projections';
import { now } from './stats';
import { TicketDocumentFactory, TicketDocuments } from './ticket-documents';

export const TICKETS_COLLECTION = physicalName(TICKETS, 1);
export const QUEUE_COLLECTION = physicalName(QUEUE, 1);

/** Seconds spent making the documents, writing them, and indexing them afterwards. */
export interface LoadTimes {
  generate: number;
  write: number;
  index: number;
}

/**
 * Fills the `tickets` and `queue` read models with `total` tickets as a finished rebuild into an
 * empty generation would leave them: documents written through the read-store port in large
 * transactions, then the projections' declared indexes built over them (one sort per index
 * instead of ten B-tree updates per document), generation 1 active in the registry. `onChunk`
 * sees every chunk (for a baseline to load the same).
 */
export async function loadReadModels(
  store: ReadStore,
  factory: TicketDocumentFactory,
  total: number,
  onChunk: (docs: TicketDocuments[]) => void = () => undefined,
  chunkSize = 20_000,
): Promise<LoadTimes> {
  const times: LoadTimes = { generate: 0, write: 0, index: 0 };
  const projections = [ticketsProjection(), queueProjection()];
  // Readied for the indexes first, as a rebuild readies its generation: the writes fill the field columns.
  for (const projection of projections) {
    for (const spec of projection.collections) await store.collection(physicalName(spec.name, 1)).ensureIndexes(spec.indexes, { build: false });
  }
  for (let from = 0; from < total; from += chunkSize) {
    let t = now();
    const docs: TicketDocuments[] = [];
    for (let i = from; i < Math.min(total, from + chunkSize); i++) docs.push(await factory.make(i));
    times.generate += now() - t;
    t = now();
    await store.transaction(async (tx) => {
      await tx.collection<TicketView>(TICKETS_COLLECTION).writeMany(docs.map((d) => ({ id: d.ticket._id, doc: d.ticket })));
      await tx.collection<QueueItem>(QUEUE_COLLECTION).writeMany(docs.map((d) => ({ id: d.queue._id, doc: d.queue })));
    });
    onChunk(docs);
    times.write += now() - t;
  }
  const t = now();
  for (const projection of projections) {
    for (const spec of projection.collections) await store.collection(physicalName(spec.name, 1)).ensureIndexes(spec.indexes);
  }
  times.index = now() - t;
  const registry = new ProjectionRegistry(store);
  for (const name of [TICKETS, QUEUE]) {
    await registry.put({ _id: name, active: { version: 1, generation: 1, checkpoint: '' }, building: null, updatedAt: new Date().toISOString() });
  }
  return { generate: times.generate / 1000, write: times.write / 1000, index: times.index / 1000 };
}
