import { ApiClient } from '../api/client';
import { ApiProblem } from '../api/problem';
import { Ticket } from '../api/types';
import { Translate } from '../i18n/i18n';

const TICKET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TICKET_NUMBER = /^HD-\d{6,}$/i;

/** A message the form shows as it is. */
export class TicketRefError extends Error {}

/**
 * The id of the ticket an auditor names by number (HD-000123) or id: the audit endpoints take
 * ids, people quote numbers. A number is looked up on the read side (GET /tickets/:number).
 */
export async function ticketIdOf(api: ApiClient, t: Translate, ref: string): Promise<string> {
  const given = ref.trim();
  if (TICKET_ID.test(given)) return given.toLowerCase();
  if (!TICKET_NUMBER.test(given)) throw new TicketRefError(t('audit.ticketRef.invalid'));
  const number = given.toUpperCase();
  try {
    return (await api.query<Ticket>(`/tickets/${encodeURIComponent(number)}`)).id;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 404) throw new TicketRefError(t('audit.ticketRef.unknown', { ticket: number }));
    throw e;
  }
}
