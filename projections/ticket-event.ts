import { StoredEvent } from '@helpdesk/event-store';
import { toTicketEvent } from '@helpdesk/application';
import { SLA_EVENT_TYPES } from '@helpdesk/sla';
import { Actor, DatedTicketEvent, TICKET_EVENT_TYPES, TICKET_STREAM_PREFIX, TicketEventType } from '@helpdesk/ticketing';

export interface TicketFact {
  ticketId: string;
  event: DatedTicketEvent;
  actor: Actor;
  occurredAt: string;
  revision: number;
  position: string;
  eventId: string;
  /** On TicketSubmitted: the SLA policy recorded for the ticket. */
  slaPolicy?: { id: string; version: number };
}

// SLA records live on the ticket's stream too; projections see them as facts of the ticket.
const TICKET_TYPES = new Set<string>([...TICKET_EVENT_TYPES, ...SLA_EVENT_TYPES]);

/** A stored event read as a ticket fact (upcast to the current schema), or null if it is not one. */
export function ticketFact(stored: StoredEvent): TicketFact | null {
  if (!stored.streamId.startsWith(TICKET_STREAM_PREFIX) || !TICKET_TYPES.has(stored.type as TicketEventType)) return null;
  const event = toTicketEvent(stored);
  return {
    ticketId: stored.streamId.slice(TICKET_STREAM_PREFIX.length),
    event,
    actor: (stored.metadata.actor as Actor) ?? { id: 'unknown', role: 'system' },
    occurredAt: event.occurredAt,
    revision: stored.revision,
    position: stored.position.toString(),
    eventId: stored.id,
    slaPolicy: stored.metadata.slaPolicy as TicketFact['slaPolicy'],
  };
}
