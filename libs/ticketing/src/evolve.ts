import { TicketEvent } from './ticket-events';
import { TicketState } from './ticket-state';

/** A ticket event together with the business time it happened (UTC ISO string). */
export type DatedTicketEvent = TicketEvent & { occurredAt: string };

/** Folds one event into the state. Pure; never throws for events the decider produced. */
export function evolve(state: TicketState, event: DatedTicketEvent): TicketState {
  if (event.type === 'TicketSubmitted') {
    const d = event.data;
    return {
      id: d.ticketId,
      number: d.number,
      subject: d.subject,
      status: 'new',
      priority: d.priority,
      category: d.category,
      customer: d.customer,
      assigneeId: null,
      team: null,
      acknowledged: false,
      resolvedAt: null,
      resolutionConfirmed: false,
      resolutions: 0,
      satisfaction: null,
      autoCloseReminded: false,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'TicketAssigned':
      return { ...state, status: 'assigned', assigneeId: event.data.agentId, acknowledged: false };
    case 'AssignmentAcknowledged':
      return { ...state, acknowledged: true };
    case 'TicketPrioritized':
      return { ...state, priority: event.data.priority };
    case 'TicketCategorized':
      return { ...state, category: event.data.category };
    case 'TicketTagsChanged':
      return { ...state, tags: event.data.tags };
    case 'TicketTeamChanged':
      return { ...state, team: event.data.team };
    case 'RuleFired':
      return state;
    case 'WorkStarted':
    case 'WorkResumed':
      return { ...state, status: 'in_progress' };
    case 'CommentAdded':
      return state;
    case 'WaitingOnCustomer':
      return { ...state, status: 'waiting_on_customer' };
    case 'TicketResolved':
      return { ...state, status: 'resolved', resolvedAt: event.occurredAt, resolutionConfirmed: false, resolutions: (state.resolutions ?? 0) + 1, autoCloseReminded: false };
    case 'ResolutionConfirmed':
      return { ...state, resolutionConfirmed: true };
    case 'ResolutionRejected':
      return state;
    case 'TicketReopened':
      return {
        ...state,
        status: state.assigneeId ? 'in_progress' : 'new',
        resolvedAt: null,
        resolutionConfirmed: false,
        autoCloseReminded: false,
        // A rating given before the reopen stays what it was: final.
        satisfaction: state.satisfaction && state.satisfaction.score !== null ? { ...state.satisfaction, frozen: true } : state.satisfaction,
      };
    case 'TicketClosed':
      return { ...state, status: 'closed' };
    case 'SatisfactionOffered':
      return { ...state, satisfaction: { offerId: event.data.offerId, changeableUntil: event.data.changeableUntil, score: null, voided: false, frozen: false } };
    case 'SatisfactionRated':
      return state.satisfaction?.offerId === event.data.offerId ? { ...state, satisfaction: { ...state.satisfaction, score: event.data.score } } : state;
    case 'SatisfactionOfferVoided':
      return state.satisfaction?.offerId === event.data.offerId ? { ...state, satisfaction: { ...state.satisfaction, voided: true } } : state;
    case 'AutoCloseReminded':
      return { ...state, autoCloseReminded: true };
    default:
      // Other services record their own events on the ticket's stream (SLA warnings and breaches).
      return state;
  }
}

export function fold(events: DatedTicketEvent[], state: TicketState = null): TicketState {
  return events.reduce(evolve, state);
}
