import { nextRuleClocks, RULE_CLOCKS, RuleClocks, STOPPED_CLOCKS } from '@helpdesk/automation';
import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';
import { evolve, Ticket } from '@helpdesk/ticketing';
import { ticketFact } from './ticket-event';

export const RULE_CLOCKS_COLLECTION = 'rule_clocks';

/**
 * A document of `rule_clocks`: when each clock a time-based rule can wait on started for one
 * ticket (null: not running), indexed so the automation watch finds the next clock to run out
 * without a scan. `ticket` is the decider's state without the customer (what the clocks need).
 */
export interface RuleClocksView extends Doc, RuleClocks {
  ticket: Omit<Ticket, 'customer' | 'subject' | 'satisfaction'>;
  updatedAt: string;
}

/** `rule_clocks`: the running clocks of every ticket (internal to the automation watch). */
export function ruleClocksProjection(): Projection {
  return {
    name: RULE_CLOCKS_COLLECTION,
    version: 1,
    collections: [{ name: RULE_CLOCKS_COLLECTION, internal: true, indexes: RULE_CLOCKS.map((clock) => ({ name: clock, keys: [[clock, 1], ['_id', 1]] as [string, 1][] })) }],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const fact = ticketFact(stored);
      if (!fact) return;
      await uow.update<RuleClocksView>(RULE_CLOCKS_COLLECTION, fact.ticketId, stored, (doc) => {
        const before = doc ? ({ ...doc.ticket, customer: null } as unknown as Ticket) : null;
        const after = evolve(before, fact.event);
        if (!after) return undefined;
        const clocks = nextRuleClocks(doc ?? STOPPED_CLOCKS, after, { type: fact.event.type, data: fact.event.data as Record<string, unknown>, occurredAt: fact.occurredAt });
        const { customer: _c, subject: _s, satisfaction: _sat, ...ticket } = after;
        return { _id: fact.ticketId, ticket, waiting_on_customer: clocks.waiting_on_customer, unassigned: clocks.unassigned, resolved_unanswered: clocks.resolved_unanswered, updatedAt: fact.occurredAt };
      });
    },
  };
}
