import { Doc } from '@helpdesk/read-store';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { Agent, AGENT_EVENT_TYPES, AGENT_STREAM_PREFIX, AgentEvent, evolveAgent } from '@helpdesk/routing';
import { ticketFact } from './ticket-event';

export const AGENTS = 'agents';

/** A document of `agents`: the agent's record, and when routing (or anyone) last gave them a ticket. */
export interface AgentView extends Doc, Omit<Agent, 'id'> {
  agentId: string;
  lastAssignedAt: string | null;
  updatedAt: string;
}

const AGENT_TYPES = new Set<string>(AGENT_EVENT_TYPES);

/** `agents`: the roster as routing and supervisors see it. */
export function agentsProjection(): Projection {
  return {
    name: AGENTS,
    version: 1,
    collections: [{ name: AGENTS, indexes: [{ name: 'active_availability', keys: [['active', 1], ['availability', 1]] }, { name: 'changes', keys: [['_position', 1]] }] }],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const at = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
      if (stored.streamId.startsWith(AGENT_STREAM_PREFIX) && AGENT_TYPES.has(stored.type)) {
        const agentId = stored.streamId.slice(AGENT_STREAM_PREFIX.length);
        await uow.update<AgentView>(AGENTS, agentId, stored, (doc) => {
          const before = doc ? ({ ...doc, id: doc.agentId } as unknown as Agent) : null;
          const after = evolveAgent(before, { type: stored.type, data: stored.data } as AgentEvent);
          if (!after) return undefined;
          const { id, ...rest } = after;
          return { ...rest, _id: id, agentId: id, lastAssignedAt: doc?.lastAssignedAt ?? null, updatedAt: at };
        });
        return;
      }
      const fact = ticketFact(stored);
      if (fact?.event.type === 'TicketAssigned') {
        await uow.update<AgentView>(AGENTS, fact.event.data.agentId, stored, (doc) => (doc ? { ...doc, lastAssignedAt: fact.occurredAt } : undefined));
      }
    },
  };
}
