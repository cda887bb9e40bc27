import { Position } from './position';

/** An event as handed to the store: the store assigns its revision and global position. */
export interface EventToAppend {
  /** Unique id (UUID). Appending an id the store already holds is refused. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** An event as the store recorded it. */
export interface StoredEvent {
  id: string;
  streamId: string;
  /** Revision within its stream, from 0 with no gaps. */
  revision: number;
  /** Position in the global feed: strictly increasing in commit order. */
  position: Position;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** When the store committed it (UTC). The business time is in metadata.occurredAt. */
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event appended: the expected revision for the next append. */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: Position;
}
