import { EventStore, Position, START, StoredEvent } from '@helpdesk/event-store';

/** The store's global feed after `after`, in order, in batches, up to the head as it was when read. */
export async function* globalFeed(store: EventStore, after: Position = START, batchSize = 1000): AsyncGenerator<StoredEvent> {
  for (let position = after; ; ) {
    const batch = await store.readAll(position, batchSize);
    if (batch.length === 0) return;
    yield* batch;
    position = batch[batch.length - 1].position;
  }
}
