import { Actor } from './actor';

/** What, beyond id and role, decides which tickets an actor can reach: from their account. */
export interface ActorScope {
  /** The account's email; a customer's tickets are those submitted under it. */
  email?: string;
  /** An agent's teams. */
  teams?: readonly string[];
}

/**
 * Which tickets an actor can reach at all. A ticket out of reach does not exist for them: it is
 * answered 404 exactly like an unknown id, so ids are never confirmed.
 *  - customers: their own tickets (the ticket's customer email is their account's);
 *  - agents: tickets assigned to them, in one of their teams, or not routed to any team yet;
 *  - everyone else (supervisors, auditors, analysts, admins, the system): every ticket.
 * The write side applies it in the decider (canReach), the read side as a filter built from the
 * same description (apps/api/src/queries/ticket-access.ts), and a property test keeps the two equal.
 */
export type TicketReach =
  | { kind: 'all' }
  | { kind: 'customer'; email: string }
  | { kind: 'agent'; agentId: string; teams: readonly string[] }
  | { kind: 'none' };

export interface ReachableTicket {
  customer: { email: string };
  assigneeId: string | null;
  team: string | null;
}

export function ticketReach(actor: Actor, scope: ActorScope): TicketReach {
  switch (actor.role) {
    case 'customer':
      // An address under the reserved `.invalid` domain (RFC 2606) is no one's: an erased account's reads as one, and reaches nothing.
      return scope.email && !/\.invalid$/i.test(scope.email.trim()) ? { kind: 'customer', email: scope.email.trim().toLowerCase() } : { kind: 'none' };
    case 'agent':
      return { kind: 'agent', agentId: actor.id, teams: [...(scope.teams ?? [])] };
    default:
      return { kind: 'all' };
  }
}

export function canReach(reach: TicketReach, ticket: ReachableTicket): boolean {
  switch (reach.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'customer':
      return ticket.customer.email.toLowerCase() === reach.email;
    case 'agent':
      return ticket.assigneeId === reach.agentId || ticket.team === null || reach.teams.includes(ticket.team);
  }
}
