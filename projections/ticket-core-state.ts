import { StoredEvent } from '@helpdesk/event-store';
import { ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { evolveTicketCore } from './ticket-core';
import { DEFAULT_SLA_POLICIES, SlaPolicies } from './ticket-sla';
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
  policies: SlaPolicies = DEFAULT_SLA_POLICIES,
): Promise<{ fact: TicketFact; before: TicketCore | null; after: TicketCore } | null> {
  const fact = ticketFact(stored);
  if (!fact) return null;
  const before = await uow.get<TicketCore>(state, fact.ticketId);
  const after = evolveTicketCore(before, fact, await policyFor(policies, before, fact));
  if (!after) return null;
  await uow.update<TicketCore>(state, fact.ticketId, stored, () => after);
  return { fact, before, after };
}

/** The policy pinned on the ticket (from its submission), whatever has been published since. */
export const policyFor = (policies: SlaPolicies, view: TicketCore | null, fact: TicketFact) => policies.get(view?.sla?.policy ?? fact.slaPolicy);
