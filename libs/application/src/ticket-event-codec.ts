import { randomUUID } from 'node:crypto';
import { EventToAppend, StoredEvent } from '@helpdesk/event-store';
import { DatedTicketEvent, EventMetadata, TicketEvent, ticketUpcasters } from '@helpdesk/ticketing';

/** Reads a stored ticket event as the current schema version. */
export function toTicketEvent(stored: StoredEvent): DatedTicketEvent {
  const meta = stored.metadata as Partial<EventMetadata>;
  const data = ticketUpcasters.upcast(stored.type, stored.data, meta.schemaVersion ?? 1);
  return { type: stored.type, data, occurredAt: meta.occurredAt ?? stored.recordedAt.toISOString() } as DatedTicketEvent;
}

export type MetadataBase = Omit<EventMetadata, 'eventId' | 'schemaVersion'>;

export function toEventsToAppend(events: TicketEvent[], base: MetadataBase): EventToAppend[] {
  return events.map((event) => {
    const eventId = randomUUID();
    const metadata: EventMetadata = { ...base, eventId, schemaVersion: ticketUpcasters.currentVersion(event.type) };
    return { id: eventId, type: event.type, data: event.data as Record<string, unknown>, metadata: { ...metadata } };
  });
}
