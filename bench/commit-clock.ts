import { AppendResult, DelegatingEventStore, EventStore, EventToAppend, ExpectedRevision, Position } from '@helpdesk/event-store';
import { now } from './stats';

/**
 * An event store that notes when each append committed. The embedded store resolves an append
 * right after the transaction of its group commits, before any subscriber has run, so the time
 * taken as the promise settles is the commit time, a few microseconds late at most.
 */
export class CommitClock extends DelegatingEventStore {
  constructor(
    inner: EventStore,
    private readonly onCommit: (position: Position, committedAt: number) => void,
  ) {
    super(inner);
  }

  override async append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    const result = await this.inner.append(streamId, events, expectedRevision);
    this.onCommit(result.position, now());
    return result;
  }
}
