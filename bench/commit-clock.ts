import { AppendResult, EventStore, EventSubscription, EventToAppend, ExpectedRevision, Position, ReadStreamOptions, StoredEvent } from '@helpdesk/event-store';
import { now } from './stats';

/**
 * An event store that notes when each append committed. The embedded SQLite store commits
 * synchronously inside the `append` call (before its promise settles), so the time taken right
 * after the call returns its promise is the commit time, ahead of any reader being woken.
 */
export class CommitClock implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly onCommit: (position: Position, committedAt: number) => void,
  ) {}

  async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const pending = this.inner.append(streamId, events, expectedRevision);
    const committedAt = now();
    const result = await pending;
    this.onCommit(result.position, committedAt);
    return result;
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
