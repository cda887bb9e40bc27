import { randomUUID } from 'node:crypto';
import { EventToAppend, StoredEvent } from '@helpdesk/event-store';
import { DatedUserEvent, UserEvent } from '@helpdesk/identity';
import { EventMetadata, UpcasterRegistry } from '@helpdesk/ticketing';
import { MetadataBase } from './ticket-event-codec';

/** Every user event is at schema version 1; later versions register their upcasters here. */
export const userUpcasters = new UpcasterRegistry();

export function toUserEvent(stored: StoredEvent): DatedUserEvent {
  const meta = stored.metadata as Partial<EventMetadata>;
  const data = userUpcasters.upcast(stored.type, stored.data, meta.schemaVersion ?? 1);
  return { type: stored.type, data, occurredAt: meta.occurredAt ?? stored.recordedAt.toISOString() } as DatedUserEvent;
}

export function userEventsToAppend(events: UserEvent[], base: MetadataBase): EventToAppend[] {
  return events.map((event) => {
    const eventId = randomUUID();
    const metadata: EventMetadata = { ...base, eventId, schemaVersion: userUpcasters.currentVersion(event.type) };
    return { id: eventId, type: event.type, data: event.data as Record<string, unknown>, metadata: { ...metadata } };
  });
}
