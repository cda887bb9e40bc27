import { StoredEvent, verifyStream } from '@helpdesk/event-store';
import { Actor, fold, TicketState, ticketStreamId } from '@helpdesk/ticketing';
import { toTicketEvent } from '../ticket-event-codec';
import { eventSentence, HistoryLanguage } from './event-sentence';

export interface HistoryEntry {
  revision: number;
  position: string;
  type: string;
  actor: Actor | null;
  occurredAt: string;
  recordedAt: string;
  sentence: string;
  data: Record<string, unknown>;
}

export function historyEntry(event: StoredEvent, language: HistoryLanguage): HistoryEntry {
  return {
    revision: event.revision,
    position: event.position.toString(),
    type: event.type,
    actor: (event.metadata.actor as Actor | undefined) ?? null,
    occurredAt: (event.metadata.occurredAt as string | undefined) ?? event.recordedAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    sentence: eventSentence(event, language),
    data: event.data,
  };
}

export type PointInHistory = { at: Date } | { revision: number };

/**
 * The ticket as it stood at an instant (events that had occurred by then) or just after a
 * revision, folded by the same domain code that decides commands. Null when it did not exist yet.
 */
export function stateAt(events: StoredEvent[], point: PointInHistory): { state: TicketState; revision: number | null } {
  const after = events.findIndex((e) =>
    'revision' in point ? e.revision > point.revision : new Date(historyEntryTime(e)).getTime() > point.at.getTime(),
  );
  const upTo = after === -1 ? events : events.slice(0, after);
  return { state: fold(upTo.map(toTicketEvent)), revision: upTo.length ? upTo[upTo.length - 1].revision : null };
}

const historyEntryTime = (e: StoredEvent) => (e.metadata.occurredAt as string | undefined) ?? e.recordedAt.toISOString();

/** The ticket's hash chain recomputed from its first event. */
export function verifyTicket(ticketId: string, events: StoredEvent[]) {
  return { ticketId, ...verifyStream(ticketStreamId(ticketId), events) };
}
