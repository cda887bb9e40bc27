import { EventStore, EventSubscription, ReadStreamOptions } from './event-store.port';
import { ExpectedRevision } from './expected-revision';
import { Position } from './position';
import { AppendResult, EventToAppend, StoredEvent } from './stored-event';

/** An EventStore that forwards everything to another: decorators override only what they change. */
export class DelegatingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, events, expectedRevision);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(after: Position, maxCount: number): Promise<StoredEvent[]> {
    return this.inner.readAll(after, maxCount);
  }

  headPosition(): Promise<Position> {
    return this.inner.headPosition();
  }

  subscribe(after: Position, options?: { maxBatch?: number }): EventSubscription {
    return this.inner.subscribe(after, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
