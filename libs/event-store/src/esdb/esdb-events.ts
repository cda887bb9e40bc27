import { jsonEvent, type EventData, type RecordedEvent } from '@eventstore/db-client';
import { Position } from '../position';
import { EventToAppend, StoredEvent } from '../stored-event';

/** The JSON event EventStoreDB stores for one of ours; it keeps our id (used for idempotent retries). */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/** System events ($-prefixed types, e.g. $metadata, $> links) and system streams are not ours. */
export function isSystemEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function toStoredEvent(event: RecordedEvent, position: Position): StoredEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    data: toRecord(event.data),
    metadata: toRecord(event.metadata),
    // Client 6 converts the server's .NET ticks (100 ns since 0001-01-01 UTC) to a Date (ms).
    recordedAt: event.created,
  };
}

/**
 * Our events are JSON objects. Anything else in the log (written by another application:
 * binary, JSON arrays or scalars) is wrapped as `{ value }` rather than lost or mistyped.
 */
function toRecord(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8');
    try {
      return toRecord(JSON.parse(text));
    } catch {
      return { value: Buffer.from(value).toString('base64') };
    }
  }
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}
