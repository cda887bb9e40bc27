import { Doc } from '@helpdesk/read-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { OPEN_STATUSES, TicketStatus } from '@helpdesk/ticketing';
import { ticketFact } from './ticket-event';

export const WORKLOAD = 'workload';
const STATE = 'workload_state';

/** A document of `workload`: one agent's open tickets, in total and per status. */
export interface AgentWorkload extends Doc {
  agentId: string;
  open: number;
  byStatus: Record<string, number>;
  updatedAt: string;
}

interface TicketSlot extends Doc {
  assigneeId: string | null;
  status: TicketStatus;
}

const counts = (slot: TicketSlot | null) => (slot?.assigneeId && OPEN_STATUSES.includes(slot.status) ? { agent: slot.assigneeId, status: slot.status } : null);

/** `workload`: open tickets per agent and per status. */
export function workloadProjection(): Projection {
  return {
    name: WORKLOAD,
    version: 1,
    collections: [
      { name: WORKLOAD, indexes: [{ name: 'open', keys: [['open', -1]] }, { name: 'changes', keys: [['_position', 1]] }] },
      { name: STATE, indexes: [], internal: true },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const fact = ticketFact(stored);
      if (!fact) return;
      const before = await uow.get<TicketSlot>(STATE, fact.ticketId);
      const after = nextSlot(before, fact.event.type, fact.event.data as { agentId?: string }, fact.ticketId);
      if (!after) return;
      await uow.update<TicketSlot>(STATE, fact.ticketId, stored, () => after);

      // One net change per agent and event: a document takes each position once.
      const deltas = new Map<string, Map<string, number>>();
      const add = (c: ReturnType<typeof counts>, n: number) => {
        if (!c) return;
        const byStatus = deltas.get(c.agent) ?? new Map<string, number>();
        byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + n);
        deltas.set(c.agent, byStatus);
      };
      add(counts(before), -1);
      add(counts(after), +1);
      for (const [agentId, byStatus] of deltas) {
        if ([...byStatus.values()].every((n) => n === 0)) continue;
        await uow.update<AgentWorkload>(WORKLOAD, agentId, stored, (doc) => {
          const current = doc ?? { _id: agentId, agentId, open: 0, byStatus: {}, updatedAt: fact.occurredAt };
          const next: AgentWorkload = { ...current, byStatus: { ...current.byStatus } };
          for (const [status, n] of byStatus) {
            next.byStatus[status] = (next.byStatus[status] ?? 0) + n;
            next.open += n;
          }
          next.updatedAt = fact.occurredAt;
          return next;
        });
      }
    },
  };
}

function nextSlot(before: TicketSlot | null, type: string, data: { agentId?: string }, ticketId: string): TicketSlot | null {
  if (type === 'TicketSubmitted') return { _id: ticketId, assigneeId: null, status: 'new' };
  if (!before) return null;
  const status: Partial<Record<string, TicketStatus>> = {
    TicketAssigned: 'assigned',
    WorkStarted: 'in_progress',
    WorkResumed: 'in_progress',
    WaitingOnCustomer: 'waiting_on_customer',
    TicketResolved: 'resolved',
    TicketClosed: 'closed',
    TicketReopened: before.assigneeId ? 'in_progress' : 'new',
  };
  if (!(type in status)) return null;
  return { ...before, status: status[type]!, assigneeId: type === 'TicketAssigned' ? data.agentId! : before.assigneeId };
}
