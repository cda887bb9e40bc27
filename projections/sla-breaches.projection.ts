import { Doc } from '@helpdesk/read-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { businessMinutesBetween, SlaRecordData } from '@helpdesk/sla';
import { DEFAULT_SLA_POLICIES, SlaPolicies } from './ticket-sla';
import { Category, Priority } from '@helpdesk/ticketing';
import { advanceTicketCore } from './ticket-core-state';

export const SLA_BREACHES = 'sla_breaches';
const STATE = 'sla_breaches_state';

/** A document of `sla_breaches`: one `SlaBreached` recorded on a ticket's stream. */
export interface SlaBreach extends Doc {
  ticketId: string;
  number: string;
  target: 'first_response' | 'resolution';
  dueAt: string;
  breachedAt: string;
  /** When the target was finally met; null while it is still outstanding. */
  metAt: string | null;
  /** Business minutes between due and met, on the calendar of the ticket's SLA class; null until met. */
  minutesLate: number | null;
  policy: { id: string; version: number };
  priority: Priority;
  category: Category;
  assigneeId: string | null;
  team: string | null;
}

/** `sla_breaches`: the breaches the SLA watch recorded, completed with their lateness once met. */
export function slaBreachesProjection(policies: SlaPolicies = DEFAULT_SLA_POLICIES): Projection {
  return {
    name: SLA_BREACHES,
    version: 2,
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
      const change = await advanceTicketCore(uow, STATE, stored, policies);
      if (!change) return;
      const { fact, before, after } = change;

      if ((fact.event.type as string) === 'SlaBreached') {
        const d = fact.event.data as unknown as SlaRecordData;
        const id = `${fact.ticketId}:${d.target}`;
        await uow.update<SlaBreach>(SLA_BREACHES, id, stored, (doc) => ({
          _id: id,
          ticketId: fact.ticketId,
          number: after.number,
          target: d.target,
          dueAt: d.dueAt,
          breachedAt: d.at,
          metAt: doc?.metAt ?? null,
          minutesLate: doc?.minutesLate ?? null,
          policy: d.policy,
          priority: after.priority,
          category: after.category,
          assigneeId: after.assigneeId,
          team: after.team,
        }));
      }
      for (const target of ['first_response', 'resolution'] as const) {
        const view = target === 'first_response' ? after.sla?.firstResponse : after.sla?.resolution;
        const wasMet = (target === 'first_response' ? before?.sla?.firstResponse : before?.sla?.resolution)?.metAt;
        if (!view?.metAt || wasMet === view.metAt || !after.sla?.breached.includes(target)) continue;
        const id = `${fact.ticketId}:${target}`;
        const calendar = (await policies.get(after.sla?.policy)).classes[after.sla!.slaClass].calendar;
        await uow.update<SlaBreach>(SLA_BREACHES, id, stored, (doc) => {
          if (!doc) return undefined;
          return { ...doc, metAt: view.metAt, minutesLate: Math.round(businessMinutesBetween(calendar, new Date(doc.dueAt), new Date(view.metAt!))) };
        });
      }
    },
  };
}
