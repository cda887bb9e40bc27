import { Doc } from '@helpdesk/read-store';
import { padPosition, Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { StoredEvent } from '@helpdesk/event-store';
import { Actor, Category, evolve, Ticket } from '@helpdesk/ticketing';
import { ticketFact } from './ticket-event';

export const AUDIT_TRAIL = 'audit_trail';
const STATE = 'audit_trail_state';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A document of `audit_trail`: one event, who did it, when, and what it changed. */
export interface AuditEntry extends Doc {
  ticketId: string;
  number: string;
  type: string;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  revision: number;
  position: string;
  category: Category;
  correlationId: string | null;
  causationId: string | null;
  changes: FieldChange[];
  data: Record<string, unknown>;
}

const TRACKED: Array<keyof Ticket> = ['status', 'priority', 'category', 'assigneeId', 'acknowledged', 'resolutionConfirmed'];
/** Tracked only once the ticket exists, so the entries of submissions read as they always have. */
const TRACKED_AFTER_SUBMISSION: Array<keyof Ticket> = ['team'];

function diff(before: Ticket | null, after: Ticket): FieldChange[] {
  const changed = [...TRACKED.filter((f) => before?.[f] !== after[f]), ...(before ? TRACKED_AFTER_SUBMISSION.filter((f) => (before[f] ?? null) !== (after[f] ?? null)) : [])];
  return changed.map((field) => ({ field, before: before?.[field] ?? null, after: after[field] ?? null }));
}

/** `audit_trail`: every ticket event with the fields it changed, folded by the domain's own evolve. */
export function auditTrailProjection(): Projection {
  return {
    name: AUDIT_TRAIL,
    version: 1,
    collections: [
      {
        name: AUDIT_TRAIL,
        indexes: [
          { name: 'ticket_revision', keys: [['ticketId', 1], ['revision', 1]] },
          { name: 'actor_time', keys: [['actor.id', 1], ['occurredAt', -1]] },
          { name: 'type_time', keys: [['type', 1], ['occurredAt', -1]] },
          { name: 'category_time', keys: [['category', 1], ['occurredAt', -1]] },
          { name: 'time', keys: [['occurredAt', -1]] },
          { name: 'position', keys: [['position', 1]] },
          { name: 'changes', keys: [['_position', 1]] },
        ],
      },
      { name: STATE, indexes: [], internal: true },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const fact = ticketFact(stored);
      if (!fact) return;
      const state = await uow.get<Doc & { ticket: Ticket | null }>(STATE, fact.ticketId);
      const before = state?.ticket ?? null;
      const after = evolve(before, fact.event);
      if (!after) return;
      await uow.update(STATE, fact.ticketId, stored, () => ({ _id: fact.ticketId, ticket: after }));
      await uow.update<AuditEntry>(AUDIT_TRAIL, fact.eventId, stored, () => ({
        _id: fact.eventId,
        ticketId: fact.ticketId,
        number: after.number,
        type: fact.event.type,
        actor: fact.actor,
        occurredAt: fact.occurredAt,
        recordedAt: stored.recordedAt.toISOString(),
        revision: fact.revision,
        position: padPosition(stored.position),
        category: after.category,
        correlationId: (stored.metadata.correlationId as string) ?? null,
        causationId: (stored.metadata.causationId as string) ?? null,
        changes: diff(before, after),
        data: fact.event.data as Record<string, unknown>,
      }));
    },
  };
}
