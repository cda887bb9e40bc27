import { OPEN_STATUSES, queueRank } from '@helpdesk/ticketing';
import { DEFAULT_SLA_TARGETS, dueAt, slaClass, SlaTargets } from './sla-targets';
import { TicketFact } from './ticket-event';
import { TicketCore } from './ticket-view';

/** Folds one ticket fact into the shared fields. Pure. `undefined` when the ticket is unknown. */
export function evolveTicketCore<T extends TicketCore>(view: T | null, fact: TicketFact, targets: SlaTargets = DEFAULT_SLA_TARGETS): T | undefined {
  const { event, occurredAt: at } = fact;
  if (event.type === 'TicketSubmitted') {
    const d = event.data;
    const cls = slaClass(d.priority, d.category);
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
      firstResponseDueAt: dueAt(at, targets.firstResponseHours[cls]),
      resolutionDueAt: dueAt(at, targets.resolutionHours[cls]),
      commentCount: 0,
      publicCommentCount: 0,
      reopenCount: 0,
      revision: fact.revision,
    } as T;
  }
  if (!view) return undefined;
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
      const cls = slaClass(priority, category);
      Object.assign(next, {
        priority,
        category,
        rank: queueRank(priority, category),
        firstResponseDueAt: dueAt(view.submittedAt, targets.firstResponseHours[cls]),
        resolutionDueAt: dueAt(view.submittedAt, targets.resolutionHours[cls]),
      });
      break;
    }
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
