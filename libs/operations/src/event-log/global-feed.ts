import { EventStore, Position, START, StoredEvent } from '@helpdesk/event-store';

/**
 * The store's global feed after `after` (and up to `upTo`, when given), in order, in batches:
 * up to the head as it is when the last batch is read.
 */
export async function* globalFeed(store: EventStore, after: Position = START, options: { upTo?: Position; batchSize?: number } = {}): AsyncGenerator<StoredEvent> {
  for (let position = after; ; ) {
    const batch = await store.readAll(position, options.batchSize ?? 1000);
    if (batch.length === 0) return;
    for (const event of batch) {
      if (options.upTo !== undefined && event.position > options.upTo) return;
      yield event;
    }
    position = batch[batch.length - 1].position;
  }
}
