import { AttachmentRef, CommentSource } from './attachment';
import { Category } from './category';
import { Channel, Customer } from './customer';
import { Priority } from './priority';
import { RuleFiring } from './rule-firing';

/** What someone asks of a ticket. The decider turns each into events or a TicketError. */
export type TicketCommand =
  | {
      type: 'SubmitTicket';
      data: {
        ticketId: string;
        number: string;
        subject: string;
        description: string;
        channel: Channel;
        customer: Customer;
        category?: Category;
        errorMessages?: string[];
        stepsToReproduce?: string;
        impact?: string;
        attachments?: AttachmentRef[];
      };
    }
  | { type: 'AssignTicket'; data: { agentId: string; reason?: string } }
  | { type: 'AcknowledgeAssignment'; data: { note?: string } }
  | { type: 'PrioritizeTicket'; data: { priority: Priority; reason?: string } }
  | { type: 'CategorizeTicket'; data: { category: Category } }
  /** Adds and removes tags in one step (either list may be empty, not both). */
  | { type: 'TagTicket'; data: { add?: string[]; remove?: string[] } }
  /** Routes the ticket to a team (null: to no team, every agent can reach it). */
  | { type: 'SetTeam'; data: { team: string | null; reason?: string } }
  /** An automation rule fired on the ticket (the system only): recorded before the changes it makes. */
  | { type: 'RecordRuleFiring'; data: RuleFiring }
  | { type: 'StartWork'; data: { note?: string } }
  | {
      type: 'AddComment';
      data: {
        commentId: string;
        body: string;
        visibility: 'public' | 'internal';
        attachments?: AttachmentRef[];
        /**
         * `customer`: the helpdesk's own mail channel (role `system`) records a reply the ticket's
         * customer wrote. Refused for every other role.
         */
        author?: 'customer';
        source?: CommentSource;
      };
    }
  | { type: 'WaitOnCustomer'; data: { note?: string } }
  | { type: 'ResolveTicket'; data: { resolution: string } }
  | { type: 'ConfirmResolution'; data: { note?: string } }
  | { type: 'RejectResolution'; data: { reason: string } }
  | { type: 'CloseTicket'; data: { note?: string } }
  | { type: 'ReopenTicket'; data: { reason: string } }
  /** The customer rates the resolution episode `offerId` (the latest when absent), again to change it, until its deadline. */
  | { type: 'RateSatisfaction'; data: { offerId?: string; score: number; comment?: string } }
  /** The system reminds the customer that an unanswered resolved ticket is about to close. */
  | { type: 'RemindAutoClose'; data: { closesAt: string } };

export type TicketCommandType = TicketCommand['type'];
