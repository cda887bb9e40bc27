import { highlight, queryGroups, Segment, snippet } from '@helpdesk/knowledge';
import { TicketSearchDoc } from '@helpdesk/projections';
import { Page, ReadStore, TextSearch } from '@helpdesk/read-store';
import { canReach, formatTicketNumber, TicketReach } from '@helpdesk/ticketing';
import { filteredSearch } from './filtered-search';

/** The fields searched and their weights: a number or a subject outranks a word deep in a comment. */
export const TICKET_SEARCH_WEIGHTS = { searchNumber: 20, searchSubject: 8, searchCustomer: 5, searchBody: 1 };

export interface TicketSearchRequest {
  text: string;
  reach: TicketReach;
  limit: number;
  cursor?: string;
}

export interface TicketSearchResult {
  id: string;
  number: string;
  subject: string;
  subjectHighlighted: Segment[];
  snippet: Segment[];
  customerName: string;
  customerNameHighlighted: Segment[];
  status: TicketSearchDoc['status'];
  open: boolean;
  priority: TicketSearchDoc['priority'];
  category: TicketSearchDoc['category'];
  submittedAt: string;
  /** Staff only. */
  assigneeId?: string | null;
  team?: string | null;
  score: number;
}

/** `HD-000123` for a query that names a ticket number (`HD-000123`, `hd 123`, `123`), else null. */
export function numberIn(text: string): string | null {
  const found = /^\s*(?:hd)?[\s-]*0*(\d{1,9})\s*$/i.exec(text);
  return found && Number(found[1]) > 0 ? formatTicketNumber(Number(found[1])) : null;
}

/**
 * Tickets matching every word, best first, within the searcher's reach. Customers search their
 * own tickets' customer documents only (no internal note, no tag is in them) with their email as
 * the index's own filter; everyone else searches the staff documents, and an agent's reach is
 * applied to each hit (filtered-search.ts keeps the pages honest). Whatever the index returned,
 * each hit is checked against the reach once more before it is shown.
 */
export async function searchTickets(store: ReadStore, collection: string, request: TicketSearchRequest): Promise<Page<TicketSearchResult>> {
  const { reach } = request;
  const groups = queryGroups(request.text);
  if (groups.length === 0 || reach.kind === 'none') return { items: [] };
  const number = numberIn(request.text);
  const customer = reach.kind === 'customer';
  const query: Omit<TextSearch, 'limit' | 'cursor'> = {
    fields: TICKET_SEARCH_WEIGHTS,
    groups,
    match: 'all',
    ...(number ? { exact: { field: 'exactNumber', value: number } } : {}),
    stored: ['audience', 'customerEmail', 'exactNumber'],
    filter: customer ? { audience: 'customer', customerEmail: reach.email } : { audience: 'staff' },
  };
  const within = (doc: TicketSearchDoc) =>
    doc.audience === (customer ? 'customer' : 'staff') && canReach(reach, { customer: { email: doc.customerEmail }, assigneeId: doc.assigneeId, team: doc.team });
  const page = await filteredSearch<TicketSearchDoc>(store, collection, query, within, request.limit, request.cursor);
  return {
    items: page.items.map(({ doc, score }) => ({
      id: doc.ticketId,
      number: doc.number,
      subject: doc.subject,
      subjectHighlighted: highlight(doc.subject, groups),
      snippet: snippet(doc.text, groups),
      customerName: doc.customerName,
      customerNameHighlighted: highlight(doc.customerName, groups),
      status: doc.status,
      open: doc.open,
      priority: doc.priority,
      category: doc.category,
      submittedAt: doc.submittedAt,
      ...(customer ? {} : { assigneeId: doc.assigneeId, team: doc.team }),
      score,
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
