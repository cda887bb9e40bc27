import { UserRole } from '@helpdesk/identity';
import { canReach, TicketReach } from '@helpdesk/ticketing';
import { POLICY } from '../auth/policy';
import { Principal } from '../auth/principal';
import { reachOf } from '../queries/ticket-access';
import { LiveFact, LiveKind } from './live-facts';

/** Who holds a stream open: what decides which facts they are told, and which end their stream. */
export interface LiveListener {
  principalId: string;
  role: UserRole;
  reach: TicketReach;
  sessionId?: string;
  apiTokenId?: string;
}

export function listenerOf(principal: Principal): LiveListener {
  return {
    principalId: principal.id,
    role: principal.role,
    reach: reachOf(principal),
    ...(principal.credential.kind === 'session' ? { sessionId: principal.credential.sessionId } : { apiTokenId: principal.credential.tokenId }),
  };
}

/**
 * Who hears of the other kinds: exactly who may read the list the message would refresh (the
 * access policy's own rows). Account changes go to those who read every account; supervisors read
 * agent accounts only, and a message names no role to filter on, so they are not told.
 */
const READERS: Record<Exclude<LiveKind, 'ticket'>, readonly UserRole[]> = {
  agents: POLICY['agents.list'].roles,
  rules: POLICY['automation.rules.list'].roles,
  macros: POLICY['macros.list'].roles,
  users: (POLICY['users.list'].roles as readonly UserRole[]).filter((r) => r !== 'supervisor'),
};

/**
 * Whether `listener` is told of `fact`. Tickets follow the domain's reach (libs/ticketing
 * ticket-access): on the ticket as the read side has it once it applied the event, or, for a
 * reassignment or re-routing, as it was just before (so an agent sees a ticket leave their
 * queue). A customer is told only of their own tickets, and only of what changes their view.
 */
export function tells(listener: LiveListener, fact: LiveFact): boolean {
  if (fact.kind !== 'ticket') {
    if (fact.kind === 'users' && !fact.listed) return false;
    return READERS[fact.kind].includes(listener.role);
  }
  const ticket = fact.ticket!;
  const { reach } = listener;
  if (reach.kind === 'all') return true;
  if (reach.kind === 'customer' && !ticket.customerVisible) return false;
  if (ticket.customerEmail === null) return false; // not on the read side: reach cannot be shown
  const now = { customer: { email: ticket.customerEmail }, assigneeId: ticket.assigneeId, team: ticket.team };
  if (canReach(reach, now)) return true;
  if (reach.kind !== 'agent' || (ticket.previousAssigneeId === undefined && ticket.previousTeam === undefined)) return false;
  return canReach(reach, {
    ...now,
    assigneeId: ticket.previousAssigneeId === undefined ? now.assigneeId : ticket.previousAssigneeId,
    team: ticket.previousTeam === undefined ? now.team : ticket.previousTeam,
  });
}

const ACCOUNT_CHANGES = new Set(['RoleChanged', 'TeamsChanged', 'UserDeactivated', 'PasswordSet', 'AccountErased']);

/**
 * Why `fact` ends the listener's stream, or null: their own account changed (role, teams, reach),
 * or the session or API token the stream was opened with ended. The client reconnects, and the
 * access guard decides afresh.
 */
export function endsStream(listener: LiveListener, fact: LiveFact): 'account-changed' | 'signed-out' | null {
  if (fact.kind !== 'users' || fact.subjectId !== listener.principalId) return null;
  if (ACCOUNT_CHANGES.has(fact.type)) return 'account-changed';
  if (fact.endsSession !== undefined && fact.endsSession === listener.sessionId) return 'signed-out';
  if (fact.endsApiToken !== undefined && fact.endsApiToken === listener.apiTokenId) return 'signed-out';
  return null;
}

/** The message's data: what changed, by id and type, and where in the feed (the SSE id too). */
export function messageData(fact: LiveFact): Record<string, string | null> {
  const position = fact.position.toString();
  switch (fact.kind) {
    case 'ticket':
      return { ticketId: fact.subjectId, number: fact.ticket!.number, type: fact.type, position };
    case 'rules':
      return { ruleId: fact.subjectId, type: fact.type, position };
    case 'agents':
      return { agentId: fact.subjectId, type: fact.type, position };
    case 'users':
      return { userId: fact.subjectId, type: fact.type, position };
    case 'macros':
      return { macroId: fact.subjectId, type: fact.type, position };
  }
}
