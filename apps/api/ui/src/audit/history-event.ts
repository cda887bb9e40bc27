import { StoredEvent } from '../api/types';
import { AuditEntry, HistoryEntry } from './audit-types';

/**
 * A history or trail entry in the shape the timeline's sentences read (event-sentence.ts), so an
 * event reads the same on the ticket page, in the replay and in the trail, in the agent's language.
 */
export function asStoredEvent(entry: HistoryEntry | AuditEntry): StoredEvent {
  return {
    id: 'id' in entry ? entry.id : entry.position,
    type: entry.type,
    revision: entry.revision,
    position: entry.position,
    recordedAt: entry.recordedAt,
    data: entry.data,
    metadata: { actor: entry.actor ?? undefined, occurredAt: entry.occurredAt },
  };
}
