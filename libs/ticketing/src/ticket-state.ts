import { Category } from './category';
import { Customer } from './customer';
import { Priority } from './priority';
import { SatisfactionOffer } from './satisfaction';
import { TicketStatus } from './ticket-status';

/** What the decider needs to know about a ticket: folded from its events. */
export interface Ticket {
  id: string;
  number: string;
  /** As submitted (it never changes); absent only in states built by hand. */
  subject?: string;
  status: TicketStatus;
  priority: Priority;
  category: Category;
  customer: Customer;
  assigneeId: string | null;
  /** The team the ticket is routed to; null until routing sets one (every agent can reach it). */
  team: string | null;
  acknowledged: boolean;
  resolvedAt: string | null;
  resolutionConfirmed: boolean;
  /** How many times the ticket has been resolved (each resolution is a satisfaction episode). */
  resolutions?: number;
  /** The satisfaction offer of the latest resolution, if any. */
  satisfaction?: SatisfactionOffer | null;
  /** Its tags, normalised (absent before the first TicketTagsChanged). */
  tags?: string[];
  /** The auto-close reminder of the current resolution was sent. */
  autoCloseReminded?: boolean;
}

/** A ticket that has not been submitted yet. */
export type TicketState = Ticket | null;

export const initialTicketState: TicketState = null;
