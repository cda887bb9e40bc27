import { Actor, Role } from './actor';
import { TicketCommandType } from './ticket-commands';
import { notAllowed } from './ticket-error';

/** Roles that work tickets on the support side (the helpdesk's own reactors act as `system`). */
export const STAFF_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin', 'system'];

export interface TicketCommandPermission {
  /** Roles that may ask for this at all; the decider refines by the ticket's state. */
  roles: readonly Role[];
  /** What the command does, for messages and the README's policy table. */
  does: string;
  /** The refinements the decider applies on top of the roles, in words. */
  refinedBy?: string;
}

/**
 * Who may ask what of a ticket: the one table the decider and the HTTP policy both read.
 * State-dependent rules stay in the decider and are named here so the policy table can say so.
 */
export const TICKET_COMMAND_PERMISSIONS: Record<TicketCommandType, TicketCommandPermission> = {
  SubmitTicket: { roles: ['customer', ...STAFF_ROLES], does: 'submit tickets', refinedBy: 'customers submit under their own email address, channel web or api; staff record phone calls for the caller' },
  AssignTicket: { roles: STAFF_ROLES, does: 'assign tickets', refinedBy: 'agents may only take an unassigned ticket for themselves' },
  AcknowledgeAssignment: { roles: STAFF_ROLES, does: 'acknowledge assignments', refinedBy: 'the assignee only' },
  PrioritizeTicket: { roles: STAFF_ROLES, does: 'set priorities' },
  CategorizeTicket: { roles: STAFF_ROLES, does: 'categorize tickets' },
  TagTicket: { roles: STAFF_ROLES, does: 'tag tickets', refinedBy: 'closed tickets too (tags label the record for reporting)' },
  SetTeam: { roles: ['supervisor', 'admin', 'system'], does: 'route tickets to a team' },
  RecordRuleFiring: { roles: ['system'], does: 'record automation rule firings' },
  StartWork: { roles: STAFF_ROLES, does: 'work tickets', refinedBy: 'the assignee only' },
  AddComment: { roles: ['customer', ...STAFF_ROLES], does: 'comment on tickets', refinedBy: 'customers write public replies only' },
  WaitOnCustomer: { roles: STAFF_ROLES, does: 'put tickets on hold' },
  ResolveTicket: { roles: STAFF_ROLES, does: 'resolve tickets' },
  ConfirmResolution: { roles: ['customer'], does: 'confirm a resolution' },
  RejectResolution: { roles: ['customer'], does: 'reject a resolution' },
  CloseTicket: { roles: STAFF_ROLES, does: 'close tickets' },
  ReopenTicket: { roles: ['customer', ...STAFF_ROLES], does: 'reopen tickets' },
  RateSatisfaction: { roles: ['customer'], does: 'rate a resolution', refinedBy: 'the ticket\'s customer, signed in; until the rating is final' },
  RemindAutoClose: { roles: ['system'], does: 'remind customers before closing' },
};

/** Throws not_allowed unless the actor's role may issue `type`. */
export function requireTicketPermission(type: TicketCommandType, actor: Actor): void {
  const { roles, does } = TICKET_COMMAND_PERMISSIONS[type];
  if (roles.includes(actor.role)) return;
  if (roles === STAFF_ROLES) throw notAllowed(`Only support staff can ${does}; you are signed in as ${actor.role}.`);
  if (roles.length === 1 && roles[0] === 'customer') throw notAllowed(`Only the customer can ${does}.`);
  throw notAllowed(`A ${actor.role} cannot ${does}.`);
}
