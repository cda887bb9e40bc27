import { indexText } from '@helpdesk/knowledge';
import { Doc } from '@helpdesk/read-store';
import { Category, Priority, TicketStatus } from '@helpdesk/ticketing';
import { TicketCore } from './ticket-view';

/**
 * Who a search document is for. Each ticket has two: `staff` holds every word of it, internal
 * notes and tags included; `customer` only what its customer may read, so a customer's search
 * cannot match a word of an internal note however the query is written.
 */
export type TicketSearchAudience = 'staff' | 'customer';

/** A piece of a ticket's text, in the order written. */
export interface TicketTextPart {
  /** What it is (`submitted`, `comment:<id>`, `resolution:<event id>`): a redelivered event adds nothing twice. */
  key: string;
  text: string;
  internal: boolean;
}

/** One satisfaction offer (one resolution) of the ticket and the customer's latest rating of it. */
export interface TicketRatingEntry {
  offerId: string;
  offeredAt: string;
  score: number | null;
  comment: string | null;
  ratedAt: string | null;
  voided: boolean;
}

/** A document of `ticket_search`. `_id` is `<ticketId>:<audience>`. */
export interface TicketSearchDoc extends Doc {
  ticketId: string;
  audience: TicketSearchAudience;
  number: string;
  subject: string;
  status: TicketStatus;
  open: boolean;
  priority: Priority;
  category: Category;
  customerName: string;
  /** Lower case: a customer's search and the customer context filter on it. */
  customerEmail: string;
  /** Reach (agents): null on the customer's document. */
  assigneeId: string | null;
  team: string | null;
  submittedAt: string;
  /** The ticket's text as written (the audience's parts), for snippets. */
  text: string;
  /** Normalised (urdu-normaliser.ts): the only fields searched. */
  searchNumber: string;
  searchSubject: string;
  searchCustomer: string;
  searchBody: string;
  /** `HD-000123`: the query naming a number exactly ranks its ticket first. */
  exactNumber: string;
  /** The staff document keeps the pieces it is made of and the satisfaction history; the customer's is derived. */
  parts: TicketTextPart[];
  ratings: TicketRatingEntry[];
}

export const ticketSearchId = (ticketId: string, audience: TicketSearchAudience) => `${ticketId}:${audience}`;

/** Longest text kept for snippets; the searched fields keep every word. */
const TEXT_LIMIT = 20_000;

/** The two documents of a ticket, from its core and its text pieces. */
export function ticketSearchDocuments(core: TicketCore, parts: TicketTextPart[], ratings: TicketRatingEntry[]): Record<TicketSearchAudience, TicketSearchDoc> {
  const common = {
    ticketId: core._id,
    number: core.number,
    subject: core.subject,
    status: core.status,
    open: core.open,
    priority: core.priority,
    category: core.category,
    customerName: core.customer.name,
    customerEmail: core.customer.email.trim().toLowerCase(),
    submittedAt: core.submittedAt,
    searchNumber: indexText(`${core.number} ${Number(core.number.replace(/\D/g, '')) || ''}`),
    searchSubject: indexText(core.subject),
    searchCustomer: indexText(`${core.customer.name} ${core.customer.email}`),
    exactNumber: core.number,
  };
  const publicParts = parts.filter((p) => !p.internal);
  const joined = (list: TicketTextPart[]) => list.map((p) => p.text).join('\n\n');
  return {
    // _id first, as MongoDB stores it, so an unchanged document compares equal to the stored one.
    staff: {
      _id: ticketSearchId(core._id, 'staff'),
      ...common,
      audience: 'staff',
      assigneeId: core.assigneeId,
      team: core.team,
      text: joined(parts).slice(0, TEXT_LIMIT),
      searchBody: indexText(`${joined(parts)} ${(core.tags ?? []).join(' ')}`),
      parts,
      ratings,
    },
    customer: {
      _id: ticketSearchId(core._id, 'customer'),
      ...common,
      audience: 'customer',
      assigneeId: null,
      team: null,
      text: joined(publicParts).slice(0, TEXT_LIMIT),
      searchBody: indexText(joined(publicParts)),
      parts: publicParts,
      ratings: [],
    },
  };
}
