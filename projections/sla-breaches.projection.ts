import { Doc } from '@helpdesk/read-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { Category, Priority } from '@helpdesk/ticketing';
import { minutesBetween, SlaTargets } from './sla-targets';
import { evolveTicketCore } from './ticket-core';
import { TicketCore } from './ticket-view';
import { ticketFact } from './ticket-event';

export const SLA_BREACHES = 'sla_breaches';
const STATE = 'sla_breaches_state';

/** A document of `sla_breaches`: a target met late. Open overdue tickets are read from `tickets`. */
export interface SlaBreach extends Doc {
  ticketId: string;
  number: string;
  target: 'first_response' | 'resolution';
  dueAt: string;
  breachedAt: string;
  metAt: string;
  minutesLate: number;
  priority: Priority;
  category: Category;
  assigneeId: string | null;
  team: string | null;
}

/** `sla_breaches`: first responses and resolutions that came after their due time (elapsed hours). */
export function slaBreachesProjection(targets?: SlaTargets): Projection {
  return {
    name: SLA_BREACHES,
    version: 1,
    collections: [
      {
        name: SLA_BREACHES,
        indexes: [
          { name: 'breached', keys: [['breachedAt', -1]] },
          { name: 'target_breached', keys: [['target', 1], ['breachedAt', -1]] },
          { name: 'assignee_breached', keys: [['assigneeId', 1], ['breachedAt', -1]] },
          { name: 'ticket', keys: [['ticketId', 1]] },
          { name: 'changes', keys: [['_position', 1]] },
        ],
      },
      { name: STATE, indexes: [], internal: true },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const fact = ticketFact(stored);
      if (!fact) return;
      const before = await uow.get<TicketCore>(STATE, fact.ticketId);
      const after = evolveTicketCore(before, fact, targets);
      if (!after) return;
      await uow.update<TicketCore>(STATE, fact.ticketId, stored, () => after);

      const late = (target: SlaBreach['target'], dueAt: string) =>
        uow.update<SlaBreach>(SLA_BREACHES, `${fact.ticketId}:${target}`, stored, () => ({
          _id: `${fact.ticketId}:${target}`,
          ticketId: fact.ticketId,
          number: after.number,
          target,
          dueAt,
          breachedAt: dueAt,
          metAt: fact.occurredAt,
          minutesLate: minutesBetween(dueAt, fact.occurredAt),
          priority: after.priority,
          category: after.category,
          assigneeId: after.assigneeId,
          team: after.team,
        }));

      if (!before?.firstResponseAt && after.firstResponseAt && after.firstResponseAt > after.firstResponseDueAt) {
        await late('first_response', after.firstResponseDueAt);
      }
      if (fact.event.type === 'TicketResolved' && fact.occurredAt > after.resolutionDueAt) {
        await late('resolution', after.resolutionDueAt);
      }
    },
  };
}
