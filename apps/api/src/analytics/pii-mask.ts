import { Doc } from '@helpdesk/read-store';
import { QueueItem, SatisfactionRating, TicketView } from '@helpdesk/projections';
import { Principal } from '../auth/principal';
import { present } from '../queries/present';
import { MASKED, presentQueueItem, presentTicket, seesPii } from '../queries/ticket-access';
import { Exportable } from './dto/analytics-queries';
import { presentRating } from './present-rating';

const PII_FIELDS = new Set(['name', 'email', 'phone', 'customerName']);

/**
 * A document as an export shows it to `principal`. Analysts without a PII grant get tickets and
 * queue items exactly as the query endpoints mask them; other collections have any field named
 * like personal data masked, so a new field cannot leak by default.
 */
export function exportedAs(principal: Principal, collection: Exportable, doc: Doc, now: Date = new Date()) {
  // Tickets always as the ticket endpoint shows them: a rating's comment is for supervisors and admins only.
  if (collection === 'tickets') return presentTicket(doc as unknown as TicketView, principal, now);
  if (collection === 'satisfaction_ratings') return presentRating(doc as unknown as SatisfactionRating, principal);
  if (seesPii(principal)) return present(doc);
  if (collection === 'queue') return presentQueueItem(doc as unknown as QueueItem, principal);
  return mask(present(doc));
}

function mask(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => mask(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  if (typeof value !== 'string' || !PII_FIELDS.has(key)) return value;
  return key === 'email' ? `${MASKED}@${value.split('@')[1] ?? ''}` : MASKED;
}
