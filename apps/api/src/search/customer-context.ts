import { Collection, Filter } from '@helpdesk/read-store';
import { TicketSearchDoc, TicketView } from '@helpdesk/projections';
import { TicketReach } from '@helpdesk/ticketing';

/** Most of a customer's tickets read for their context (their satisfaction history comes from these). */
const READ_AT_MOST = 200;

export interface CustomerContext {
  tickets: Array<Pick<TicketSearchDoc, 'number' | 'subject' | 'status' | 'open' | 'priority' | 'submittedAt'> & { id: string }>;
  /** The customer's other tickets within reach, counted (more than `tickets` lists when there are many). */
  totalTickets: number;
  ratings: Array<{ ticketId: string; number: string; score: number; ratedAt: string; comment?: string | null; hasComment?: boolean }>;
}

const serial = (doc: TicketSearchDoc) => Number(doc.number.replace(/\D/g, '')) || 0;

/** `reach` over the staff documents of `ticket_search` (they carry the fields it decides on). */
function reachOver(reach: TicketReach): Filter | null {
  switch (reach.kind) {
    case 'all':
      return {};
    case 'none':
      return null;
    case 'customer':
      return { customerEmail: reach.email };
    case 'agent':
      return { $or: [{ assigneeId: reach.agentId }, { team: null }, ...(reach.teams.length ? [{ team: { $in: [...reach.teams] } }] : [])] };
  }
}

/**
 * The ticket's customer as the viewer may know them: their other tickets within the viewer's
 * reach, newest first, with status, and the ratings they gave on any ticket within reach (this
 * one too), newest first; the comment only when `seesComments`.
 */
export async function customerContext(docs: Collection<TicketSearchDoc>, ticket: TicketView, reach: TicketReach, options: { limit: number; seesComments: boolean }): Promise<CustomerContext> {
  const within = reachOver(reach);
  if (!within) return { tickets: [], totalTickets: 0, ratings: [] };
  const theirs: Filter = { audience: 'staff', customerEmail: ticket.customer.email.trim().toLowerCase(), ...within };
  const others: Filter = { ...theirs, ticketId: { $ne: ticket._id } };
  const [found, totalTickets] = await Promise.all([docs.find(theirs, { sort: { submittedAt: -1 }, limit: READ_AT_MOST }), docs.count(others)]);
  // Tickets of one instant (a bulk import, a test clock): the later number is the newer.
  const newest = (a: TicketSearchDoc, b: TicketSearchDoc) => (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : serial(b) - serial(a));
  found.sort(newest);
  const tickets = found
    .filter((d) => d.ticketId !== ticket._id)
    .slice(0, options.limit)
    .map((d) => ({ id: d.ticketId, number: d.number, subject: d.subject, status: d.status, open: d.open, priority: d.priority, submittedAt: d.submittedAt }));
  const ratings = found
    .flatMap((d) => (d.ratings ?? []).filter((r) => r.score !== null && r.ratedAt !== null).map((r) => ({ doc: d, rating: r })))
    .sort((a, b) => (a.rating.ratedAt! < b.rating.ratedAt! ? 1 : a.rating.ratedAt! > b.rating.ratedAt! ? -1 : newest(a.doc, b.doc)))
    .map(({ doc, rating }) => ({
      ticketId: doc.ticketId,
      number: doc.number,
      score: rating.score!,
      ratedAt: rating.ratedAt!,
      ...(options.seesComments ? { comment: rating.comment } : { hasComment: rating.comment !== null }),
    }));
  return { tickets, totalTickets, ratings };
}
