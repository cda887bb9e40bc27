import { StoredEvent } from '@helpdesk/event-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';
import { RuleFiring, RuleTrigger } from '@helpdesk/ticketing';
import { ticketFact } from './ticket-event';

export const RULE_FIRINGS = 'rule_firings';

/** A document of `rule_firings`: one RuleFired, so "which rule did this, and why?" is one query. */
export interface RuleFiringView extends Doc {
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  ticketId: string;
  trigger: RuleTrigger;
  matched: string[];
  actions: string[];
  outcome: RuleFiring['outcome'];
  reason: string | null;
  depth: number;
  at: string;
}

/** `rule_firings`: every automation rule firing on every ticket (`_id` the RuleFired event's id). */
export function ruleFiringsProjection(): Projection {
  return {
    name: RULE_FIRINGS,
    version: 1,
    collections: [
      {
        name: RULE_FIRINGS,
        indexes: [
          { name: 'rule_at', keys: [['ruleId', 1], ['at', -1]] },
          { name: 'ticket_at', keys: [['ticketId', 1], ['at', -1]] },
          { name: 'at', keys: [['at', -1]] },
        ],
      },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      if (stored.type !== 'RuleFired') return;
      const fact = ticketFact(stored);
      if (!fact || fact.event.type !== 'RuleFired') return;
      const firing = fact.event.data;
      await uow.update<RuleFiringView>(RULE_FIRINGS, fact.eventId, stored, () => ({
        _id: fact.eventId,
        ruleId: firing.ruleId,
        ruleVersion: firing.ruleVersion,
        ruleName: firing.ruleName,
        ticketId: fact.ticketId,
        trigger: firing.trigger,
        matched: firing.matched,
        actions: firing.actions,
        outcome: firing.outcome,
        reason: firing.reason,
        depth: firing.depth,
        at: fact.occurredAt,
      }));
    },
  };
}
