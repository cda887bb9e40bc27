import type { TicketEvent } from '@helpdesk/ticketing';
import { wallTimeToInstant } from './zoned-time';

/** The filter form as typed: times are wall times in the auditor's zone. */
export interface TrailForm {
  ticket: string;
  actor: string;
  type: string;
  category: string;
  from: string;
  to: string;
}

export const EMPTY_TRAIL_FORM: TrailForm = { ticket: '', actor: '', type: '', category: '', from: '', to: '' };

/** Every ticket event type, once (a type the domain adds is a compile error until listed). */
const TYPES: Record<TicketEvent['type'], true> = {
  TicketSubmitted: true,
  TicketAssigned: true,
  AssignmentAcknowledged: true,
  TicketPrioritized: true,
  TicketCategorized: true,
  TicketTagsChanged: true,
  TicketTeamChanged: true,
  RuleFired: true,
  WorkStarted: true,
  CommentAdded: true,
  WaitingOnCustomer: true,
  WorkResumed: true,
  TicketResolved: true,
  ResolutionConfirmed: true,
  ResolutionRejected: true,
  TicketReopened: true,
  TicketClosed: true,
  SatisfactionOffered: true,
  SatisfactionRated: true,
  SatisfactionOfferVoided: true,
  AutoCloseReminded: true,
};
export const TRAIL_EVENT_TYPES = Object.keys(TYPES) as Array<TicketEvent['type']>;

export type TrailParams = Record<string, string | undefined>;

/**
 * The query parameters of GET /audit/trail for a form whose ticket was already resolved to an
 * id; a time that is no wall time is named by its field ('from' or 'to').
 */
export function trailParams(form: TrailForm, ticketId: string | undefined, zone: string): { params: TrailParams } | { badTime: 'from' | 'to' } {
  const instant = (wall: string) => (wall ? wallTimeToInstant(wall, zone) : undefined);
  const from = instant(form.from);
  const to = instant(form.to);
  if (from === null) return { badTime: 'from' };
  if (to === null) return { badTime: 'to' };
  const text = (s: string) => s.trim() || undefined;
  return { params: { ticket: ticketId, actor: text(form.actor), type: text(form.type), category: text(form.category), from: from?.toISOString(), to: to?.toISOString() } };
}

/** The same filter as a query string, for the exports. */
export function trailSearch(params: TrailParams, format: 'csv' | 'ndjson'): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  search.set('format', format);
  return search.toString();
}
