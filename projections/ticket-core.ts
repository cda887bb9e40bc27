import { slaFactOf } from '@helpdesk/application';
import { DEFAULT_SLA_POLICY, SlaPolicy } from '@helpdesk/sla';
import { OPEN_STATUSES, queueRank } from '@helpdesk/ticketing';
import { TicketFact } from './ticket-event';
import { ticketSla } from './ticket-sla';
import { TicketCore } from './ticket-view';

/** Deadline fields while no clock is running for that target (met, paused, or not started). */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/** Folds one ticket fact into the shared fields. Pure. `undefined` when the ticket is unknown. */
export function evolveTicketCore<T extends TicketCore>(view: T | null, fact: TicketFact, policy: SlaPolicy = DEFAULT_SLA_POLICY): T | undefined {
  const next = evolveFields(view, fact);
  return next && withSla(next, view, fact, policy);
}

/** Deadlines from the SLA library, re-derived from the ticket's clock facts after every event. */
function withSla<T extends TicketCore>(next: T, view: T | null, fact: TicketFact, policy: SlaPolicy): T {
  const type = fact.event.type as string;
  const data = fact.event.data as Record<string, unknown>;
  const slaFact = slaFactOf(type, data, fact.occurredAt, next.priority, next.category);
  const previous = view?.slaFacts ?? [];
  const facts = slaFact ? [...previous, { ...slaFact, at: slaFact.at.toISOString() }] : previous;
  const warned = withTarget(view?.sla?.warned, type === 'SlaWarningIssued' ? (data.target as string) : null);
  const breached = withTarget(view?.sla?.breached, type === 'SlaBreached' ? (data.target as string) : null);
  const sla = ticketSla(policy, facts, warned, breached, next.updatedAt, previous);
  if (!sla) return next;
  // `next` is the new object evolveFields just made, seen by no one yet: filled in, not copied again.
  next.slaFacts = facts;
  next.sla = sla;
  next.firstResponseDueAt = sla.firstResponse.dueAt ?? view?.firstResponseDueAt ?? NO_DEADLINE;
  next.resolutionDueAt = sla.resolution.dueAt ?? view?.resolutionDueAt ?? NO_DEADLINE;
  next.slaNextAt = next.open ? sla.nextAt : null;
  next.slaAtRisk = next.open && sla.atRisk;
  return next;
}

/** The recorded targets, with `target` added when it is new (the same array when nothing changes). */
function withTarget(recorded: string[] | undefined, target: string | null): string[] {
  const list = recorded ?? [];
  return target === null || list.includes(target) ? list : [...list, target];
}

function evolveFields<T extends TicketCore>(view: T | null, fact: TicketFact): T | undefined {
  const { event, occurredAt: at } = fact;
  if (event.type === 'TicketSubmitted') {
    const d = event.data;
    return {
      _id: fact.ticketId,
      number: d.number,
      subject: d.subject,
      channel: d.channel,
      customer: d.customer,
      category: d.category,
      priority: d.priority,
      rank: queueRank(d.priority, d.category),
      status: 'new',
      open: true,
      assigneeId: null,
      acknowledged: false,
      team: null,
      submittedAt: at,
      updatedAt: at,
      assignedAt: null,
      acknowledgedAt: null,
      firstResponseAt: null,
      resolvedAt: null,
      confirmedAt: null,
      closedAt: null,
      firstResponseDueAt: NO_DEADLINE,
      resolutionDueAt: NO_DEADLINE,
      slaFacts: [],
      sla: null,
      slaNextAt: null,
      slaAtRisk: false,
      commentCount: 0,
      publicCommentCount: 0,
      reopenCount: 0,
      tags: [],
      revision: fact.revision,
    } as unknown as T;
  }
  if (!view) return undefined;
  // Every event on the stream is activity on the ticket (the system's too: SLA records, reminders, rule firings).
  const next: T = { ...view, updatedAt: at, revision: fact.revision };
  switch (event.type) {
    case 'TicketAssigned':
      Object.assign(next, { status: 'assigned', assigneeId: event.data.agentId, acknowledged: false, assignedAt: at, acknowledgedAt: null });
      break;
    case 'AssignmentAcknowledged':
      Object.assign(next, { acknowledged: true, acknowledgedAt: at });
      break;
    case 'TicketPrioritized':
    case 'TicketCategorized': {
      const priority = event.type === 'TicketPrioritized' ? event.data.priority : view.priority;
      const category = event.type === 'TicketCategorized' ? event.data.category : view.category;
      Object.assign(next, { priority, category, rank: queueRank(priority, category) });
      break;
    }
    case 'TicketTagsChanged':
      next.tags = event.data.tags;
      break;
    case 'TicketTeamChanged':
      next.team = event.data.team;
      break;
    case 'WorkStarted':
    case 'WorkResumed':
      next.status = 'in_progress';
      break;
    case 'CommentAdded':
      next.commentCount += 1;
      if (event.data.visibility === 'public') next.publicCommentCount += 1;
      // First response: the first public reply by support staff.
      if (event.data.visibility === 'public' && event.data.author === 'agent' && !view.firstResponseAt) next.firstResponseAt = at;
      break;
    case 'WaitingOnCustomer':
      next.status = 'waiting_on_customer';
      break;
    case 'TicketResolved':
      Object.assign(next, { status: 'resolved', resolvedAt: at, confirmedAt: null });
      break;
    case 'ResolutionConfirmed':
      next.confirmedAt = at;
      break;
    case 'ResolutionRejected':
      break;
    case 'TicketReopened':
      Object.assign(next, { status: view.assigneeId ? 'in_progress' : 'new', resolvedAt: null, confirmedAt: null, closedAt: null, reopenCount: view.reopenCount + 1 });
      break;
    case 'TicketClosed':
      Object.assign(next, { status: 'closed', closedAt: at });
      break;
  }
  next.open = OPEN_STATUSES.includes(next.status);
  return next;
}
