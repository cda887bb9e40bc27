import { AttachmentRef, CommentSource } from './attachment';
import { Category } from './category';
import { Channel, Customer } from './customer';
import { Priority } from './priority';
import { RuleFiring } from './rule-firing';
import { SatisfactionScore } from './satisfaction';

/** Facts about a ticket, in the past tense. The stream is `ticket-<id>`. */
export type TicketEvent =
  | {
      type: 'TicketSubmitted';
      data: {
        ticketId: string;
        number: string;
        subject: string;
        description: string;
        channel: Channel;
        customer: Customer;
        category: Category;
        priority: Priority;
        errorMessages: string[];
        stepsToReproduce: string | null;
        impact: string | null;
        /** Absent on events recorded before attachments existed. */
        attachments?: AttachmentRef[];
      };
    }
  | { type: 'TicketAssigned'; data: { agentId: string; previousAgentId: string | null; reason: string | null } }
  | { type: 'AssignmentAcknowledged'; data: { agentId: string; note: string | null } }
  | { type: 'TicketPrioritized'; data: { priority: Priority; previousPriority: Priority; reason: string | null } }
  | { type: 'TicketCategorized'; data: { category: Category; previousCategory: Category } }
  /** Tags added and removed by one command, and the ticket's tags after it. */
  | { type: 'TicketTagsChanged'; data: { added: string[]; removed: string[]; tags: string[] } }
  /** The team the ticket is routed to changed (null: no team). */
  | { type: 'TicketTeamChanged'; data: { team: string | null; previousTeam: string | null; reason: string | null } }
  /** An automation rule fired: which rule and version, what set it off, which conditions matched, what it did. */
  | { type: 'RuleFired'; data: RuleFiring }
  | { type: 'WorkStarted'; data: { agentId: string; note: string | null } }
  | {
      type: 'CommentAdded';
      data: {
        commentId: string;
        body: string;
        visibility: 'public' | 'internal';
        author: 'agent' | 'customer';
        attachments?: AttachmentRef[];
        /** Set when the comment arrived by another channel than the API (an email reply). */
        source?: CommentSource;
      };
    }
  | { type: 'WaitingOnCustomer'; data: { note: string | null } }
  | { type: 'WorkResumed'; data: { reason: 'customer_replied' | 'agent_resumed' } }
  | { type: 'TicketResolved'; data: { resolution: string } }
  | { type: 'ResolutionConfirmed'; data: { note: string | null } }
  | { type: 'ResolutionRejected'; data: { reason: string } }
  | { type: 'TicketReopened'; data: { reason: string } }
  | { type: 'TicketClosed'; data: { reason: 'confirmed' | 'no_customer_response'; note: string | null } }
  /** Recorded with every TicketResolved: the customer may rate this resolution episode. */
  | { type: 'SatisfactionOffered'; data: { offerId: string; changeableUntil: string } }
  /** The customer's rating of an offer; a later one for the same offer replaces it. */
  | { type: 'SatisfactionRated'; data: { offerId: string; score: SatisfactionScore; comment: string | null; previousScore: SatisfactionScore | null } }
  /** The ticket was reopened before the customer rated: the offer can no longer be answered. */
  | { type: 'SatisfactionOfferVoided'; data: { offerId: string } }
  /** The customer was told the resolved ticket closes at `closesAt` without an answer. */
  | { type: 'AutoCloseReminded'; data: { closesAt: string } };

export type TicketEventType = TicketEvent['type'];

export const TICKET_EVENT_TYPES: readonly TicketEventType[] = [
  'TicketSubmitted',
  'TicketAssigned',
  'AssignmentAcknowledged',
  'TicketPrioritized',
  'TicketCategorized',
  'TicketTagsChanged',
  'TicketTeamChanged',
  'RuleFired',
  'WorkStarted',
  'CommentAdded',
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
];

export const ticketStreamId = (ticketId: string) => `ticket-${ticketId}`;
export const TICKET_STREAM_PREFIX = 'ticket-';
