import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork, POSITION_FIELD } from '@helpdesk/projection-engine';
import { advanceTicketCore } from './ticket-core-state';
import { TicketFact } from './ticket-event';
import { TicketCore } from './ticket-view';
import { DEFAULT_SLA_POLICIES, SlaPolicies } from './ticket-sla';
import { TicketRatingEntry, TicketSearchAudience, TicketSearchDoc, ticketSearchDocuments, ticketSearchId, TicketTextPart } from './ticket-search-document';

export * from './ticket-search-document';

export const TICKET_SEARCH = 'ticket_search';
const STATE = 'ticket_search_state';
const AUDIENCES: readonly TicketSearchAudience[] = ['staff', 'customer'];

/**
 * `ticket_search`: every ticket as the full-text index reads it (number, subject, customer,
 * description, comments, resolution; normalised like the knowledge base), one document for staff
 * and one for the ticket's customer, plus the ticket's satisfaction history for the customer
 * context. A document is rewritten only when what it holds changes (an SLA record or a
 * time-only change leaves it, and its index entry, alone).
 */
export function ticketSearchProjection(policies: SlaPolicies = DEFAULT_SLA_POLICIES): Projection {
  return {
    name: TICKET_SEARCH,
    version: 1,
    collections: [
      {
        name: TICKET_SEARCH,
        indexes: [
          // The customer context: one customer's tickets, newest first.
          { name: 'audience_customer_submitted', keys: [['audience', 1], ['customerEmail', 1], ['submittedAt', -1]] },
          { name: 'changes', keys: [['_position', 1]] },
        ],
      },
      { name: STATE, indexes: [], internal: true },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const change = await advanceTicketCore(uow, STATE, stored, policies);
      if (!change) return;
      const { fact, before, after } = change;
      const previous = await uow.get<TicketSearchDoc>(TICKET_SEARCH, ticketSearchId(fact.ticketId, 'staff'));
      const parts = nextParts(previous?.parts ?? [], fact);
      const ratings = nextRatings(previous?.ratings ?? [], fact);
      // Most events (SLA records, acknowledgements) change nothing searched: skip normalising the text again.
      if (previous && parts === previous.parts && ratings === previous.ratings && before && sameSearchedFields(before, after)) return;
      const docs = ticketSearchDocuments(after, parts, ratings);
      for (const audience of AUDIENCES) {
        const doc = docs[audience];
        await uow.update<TicketSearchDoc>(TICKET_SEARCH, doc._id, stored, (current) => (current && sameContent(current, doc) ? undefined : doc));
      }
    },
  };
}

/** The text pieces after the fact: the submission's fields, each comment, each resolution. */
function nextParts(parts: TicketTextPart[], fact: TicketFact): TicketTextPart[] {
  const add = (key: string, text: string, internal = false) => (parts.some((p) => p.key === key) || !text.trim() ? parts : [...parts, { key, text, internal }]);
  const { event } = fact;
  switch (event.type) {
    case 'TicketSubmitted': {
      const d = event.data;
      const text = [d.description, ...(d.errorMessages ?? []), d.stepsToReproduce ?? '', d.impact ?? ''].filter((s) => s && s.trim()).join('\n');
      return add('submitted', text);
    }
    case 'CommentAdded':
      return add(`comment:${event.data.commentId}`, event.data.body, event.data.visibility === 'internal');
    case 'TicketResolved':
      return add(`resolution:${fact.eventId}`, event.data.resolution);
    default:
      return parts;
  }
}

/** The satisfaction history after the fact: one entry per offer, its latest rating. */
function nextRatings(ratings: TicketRatingEntry[], fact: TicketFact): TicketRatingEntry[] {
  const { event } = fact;
  switch (event.type) {
    case 'SatisfactionOffered':
      return ratings.some((r) => r.offerId === event.data.offerId)
        ? ratings
        : [...ratings, { offerId: event.data.offerId, offeredAt: fact.occurredAt, score: null, comment: null, ratedAt: null, voided: false }];
    case 'SatisfactionRated':
      return ratings.map((r) => (r.offerId === event.data.offerId ? { ...r, score: event.data.score, comment: event.data.comment ?? null, ratedAt: fact.occurredAt } : r));
    case 'SatisfactionOfferVoided':
      return ratings.map((r) => (r.offerId === event.data.offerId ? { ...r, voided: true } : r));
    default:
      return ratings;
  }
}

const SEARCHED_FIELDS = ['number', 'subject', 'status', 'open', 'priority', 'category', 'assigneeId', 'team', 'submittedAt'] as const;

/** The ticket fields its search documents are made of (ticket-search-document.ts) are unchanged. */
function sameSearchedFields(before: TicketCore, after: TicketCore): boolean {
  return (
    SEARCHED_FIELDS.every((field) => before[field] === after[field]) &&
    before.customer.name === after.customer.name &&
    before.customer.email === after.customer.email &&
    (before.tags ?? []).join('\u0000') === (after.tags ?? []).join('\u0000')
  );
}

/** Field by field, without serialising the whole text twice (which was an eighth of a rebuild). */
function sameContent(current: TicketSearchDoc, next: TicketSearchDoc): boolean {
  const held = current as Record<string, unknown>;
  const fresh = next as Record<string, unknown>;
  for (const [field, value] of Object.entries(fresh)) {
    const was = held[field];
    if (was === value) continue;
    if (field === 'parts') {
      if (!sameParts(was as TicketTextPart[], value as TicketTextPart[])) return false;
    } else if (typeof was !== 'object' || typeof value !== 'object' || was === null || value === null || JSON.stringify(was) !== JSON.stringify(value)) return false;
  }
  return Object.keys(held).every((field) => field === POSITION_FIELD || field in fresh);
}

const sameParts = (a: TicketTextPart[], b: TicketTextPart[]) => a.length === b.length && a.every((part, i) => part.key === b[i].key && part.text === b[i].text && part.internal === b[i].internal);
