import { physicalName, ProjectionRegistry } from '@helpdesk/projection-engine';
import { ReadStore } from '@helpdesk/read-store';
import { QUEUE, queueProjection, TICKETS, ticketsProjection } from '@helpdesk/projections';
import { TicketDocumentFactory, TicketDocuments } from './ticket-documents';

export const TICKETS_COLLECTION = physicalName(TICKETS, 1);
export const QUEUE_COLLECTION = physicalName(QUEUE, 1);

/**
 * Fills the `tickets` and `queue` read models with `total` tickets as a finished rebuild would
 * leave them: the projections' declared indexes, generation 1 active in the registry, documents
 * inserted in large transactions. `onChunk` sees every chunk (for a baseline to load the same).
 */
export async function loadReadModels(
  store: ReadStore,
  factory: TicketDocumentFactory,
  total: number,
  onChunk: (docs: TicketDocuments[]) => void = () => undefined,
  chunkSize = 10_000,
): Promise<void> {
  for (const projection of [ticketsProjection(), queueProjection()]) {
    for (const spec of projection.collections) await store.collection(physicalName(spec.name, 1)).ensureIndexes(spec.indexes);
  }
  for (let from = 0; from < total; from += chunkSize) {
    const docs: TicketDocuments[] = [];
    for (let i = from; i < Math.min(total, from + chunkSize); i++) docs.push(await factory.make(i));
    await store.transaction(async (tx) => {
      const tickets = tx.collection(TICKETS_COLLECTION);
      const queue = tx.collection(QUEUE_COLLECTION);
      for (const d of docs) {
        await tickets.insertOne(d.ticket);
        await queue.insertOne(d.queue);
      }
    });
    onChunk(docs);
  }
  const registry = new ProjectionRegistry(store);
  for (const name of [TICKETS, QUEUE]) {
    await registry.put({ _id: name, active: { version: 1, generation: 1, checkpoint: '' }, building: null, updatedAt: new Date().toISOString() });
  }
}
