import { StoredEvent } from '@helpdesk/event-store';
import { MACRO_STREAM_PREFIX, RULE_STREAM_PREFIX } from '@helpdesk/automation';
import { USER_STREAM_PREFIX } from '@helpdesk/identity';
import { AGENT_STREAM_PREFIX } from '@helpdesk/routing';
import { SLA_EVENT_TYPES } from '@helpdesk/sla';
import { TICKET_EVENT_TYPES, TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';

/** What a live message is about; each is the event name of its SSE messages. */
export type LiveKind = 'ticket' | 'rules' | 'agents' | 'users' | 'macros';

/** Who may be told about a ticket event: the fields reach is decided on, now and just before the event. */
export interface TicketAudience {
  ticketId: string;
  number: string | null;
  /** From the read side once it applied the event; null when it holds no such ticket (erased). */
  customerEmail: string | null;
  assigneeId: string | null;
  team: string | null;
  /** A reassignment or re-routing names where the ticket was: whoever reached it there is told it left. */
  previousAssigneeId?: string | null;
  previousTeam?: string | null;
  /** Whether the ticket's customer sees what this event changed (see CUSTOMER_VISIBLE). */
  customerVisible: boolean;
}

/** One event of the feed as the live stream tells it: what changed, never the document. */
export interface LiveFact {
  kind: LiveKind;
  position: bigint;
  type: string;
  /** The ticket, rule, agent, user or macro the event is about. */
  subjectId: string;
  ticket?: TicketAudience;
  /** On a user stream: false for the session and token bookkeeping no screen lists. */
  listed?: boolean;
  /** On a user stream: the session or API token an event ends, to close streams opened with it. */
  endsSession?: string;
  endsApiToken?: string;
}

const TICKET_TYPES = new Set<string>([...TICKET_EVENT_TYPES, ...SLA_EVENT_TYPES]);
const TICKET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a ticket's customer may learn was changed: the events that change what GET /tickets/:id
 * shows them (status, priority, category, public replies, the resolution and its rating, the SLA
 * targets' state). Internal notes, tags, teams, acknowledgements, rule firings and SLA warnings
 * change nothing they see, so they cause no message on a customer's stream at all.
 */
const CUSTOMER_VISIBLE = new Set<string>([
  'TicketSubmitted',
  'TicketAssigned', // the status becomes "assigned" (who is never said)
  'TicketPrioritized',
  'TicketCategorized',
  'WorkStarted',
  'WaitingOnCustomer',
  'WorkResumed',
  'TicketResolved',
  'ResolutionConfirmed',
  'ResolutionRejected',
  'TicketReopened',
  'TicketClosed',
  'SatisfactionOffered',
  'SatisfactionRated',
  'SatisfactionOfferVoided',
  'AutoCloseReminded',
  'SlaBreached',
]);

/** User events that change an account as the users screens list it (not sessions, tokens or hashes). */
const USER_LISTED = new Set<string>(['UserRegistered', 'RoleChanged', 'TeamsChanged', 'UserDeactivated', 'UserReactivated', 'PiiAccessGranted', 'PiiAccessRevoked', 'AccountErased']);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** A fact before the read side is consulted (tickets still lack their audience), or null for events no screen follows. */
export type PendingFact = Omit<LiveFact, 'ticket'> & { ticket?: Omit<TicketAudience, 'number' | 'customerEmail' | 'assigneeId' | 'team'> & { number: string | null } };

export function pendingFact(event: StoredEvent): PendingFact | null {
  const { streamId, type, position, data } = event;
  const after = (prefix: string) => streamId.slice(prefix.length);
  if (streamId.startsWith(TICKET_STREAM_PREFIX) && TICKET_TYPES.has(type)) {
    const ticketId = after(TICKET_STREAM_PREFIX);
    if (!TICKET_ID.test(ticketId)) return null;
    const customerVisible = CUSTOMER_VISIBLE.has(type) || (type === 'CommentAdded' && data.visibility === 'public');
    return {
      kind: 'ticket',
      position,
      type,
      subjectId: ticketId,
      ticket: {
        ticketId,
        number: type === 'TicketSubmitted' ? text(data.number) : null,
        customerVisible,
        ...(type === 'TicketAssigned' ? { previousAssigneeId: text(data.previousAgentId) } : {}),
        ...(type === 'TicketTeamChanged' ? { previousTeam: text(data.previousTeam) } : {}),
      },
    };
  }
  if (streamId.startsWith(RULE_STREAM_PREFIX)) return { kind: 'rules', position, type, subjectId: after(RULE_STREAM_PREFIX) };
  if (streamId.startsWith(MACRO_STREAM_PREFIX)) return { kind: 'macros', position, type, subjectId: after(MACRO_STREAM_PREFIX) };
  if (streamId.startsWith(AGENT_STREAM_PREFIX)) return { kind: 'agents', position, type, subjectId: after(AGENT_STREAM_PREFIX) };
  if (streamId.startsWith(USER_STREAM_PREFIX)) {
    const listed = USER_LISTED.has(type);
    const endsSession = type === 'SessionEnded' ? text(data.sessionId) ?? undefined : undefined;
    const endsApiToken = type === 'ApiTokenRevoked' ? text(data.tokenId) ?? undefined : undefined;
    if (!listed && type !== 'PasswordSet' && !endsSession && !endsApiToken) return null;
    return { kind: 'users', position, type, subjectId: after(USER_STREAM_PREFIX), listed, ...(endsSession ? { endsSession } : {}), ...(endsApiToken ? { endsApiToken } : {}) };
  }
  return null;
}
