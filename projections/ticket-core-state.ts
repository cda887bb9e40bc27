import { StoredEvent } from '@helpdesk/event-store';
import { ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { SlaPolicy } from '@helpdesk/sla';
import { evolveTicketCore } from './ticket-core';
import { TicketFact, ticketFact } from './ticket-event';
import { TicketCore } from './ticket-view';

/**
 * For projections that derive their documents from a ticket's change: the fact, and the ticket
 * core before and after it, kept in the projection's own `state` collection. Null when the event
 * is not about a known ticket.
 */
export async function advanceTicketCore(
  uow: ProjectionUnitOfWork,
  state: string,
  stored: StoredEvent,
  policy?: SlaPolicy,
): Promise<{ fact: TicketFact; before: TicketCore | null; after: TicketCore } | null> {
  const fact = ticketFact(stored);
  if (!fact) return null;
  const before = await uow.get<TicketCore>(state, fact.ticketId);
  const after = evolveTicketCore(before, fact, policy);
  if (!after) return null;
  await uow.update<TicketCore>(state, fact.ticketId, stored, () => after);
  return { fact, before, after };
}
