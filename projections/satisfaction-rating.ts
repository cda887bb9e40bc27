import { Doc } from '@helpdesk/read-store';
import { Category, Channel, Customer, Priority } from '@helpdesk/ticketing';
import { TicketCore } from './ticket-view';

export const SATISFACTION_RATINGS = 'satisfaction_ratings';

/**
 * A document of `satisfaction_ratings`: one satisfaction offer (one resolution episode) and the
 * customer's answer. It keeps the day and the ticket's team, agent, category, priority and channel
 * as they were at the offer, so a rating given or changed later counts in the same cohort of
 * `metrics_daily` as its offer, and the response rate is rated offers over offers of that cohort.
 */
export interface SatisfactionRating extends Doc {
  ticketId: string;
  number: string;
  customer: Customer;
  /** Local day and ISO week of the offer, in the reporting zone. */
  day: string;
  week: string;
  offeredAt: string;
  team: string | null;
  agentId: string | null;
  category: Category;
  priority: Priority;
  channel: Channel;
  /** The ticket's tags when the offer was made (absent on offers projected before tags existed). */
  tags?: string[];
  /** Null until rated; the latest rating when changed. */
  score: number | null;
  /** Free text: supervisors and admins only. */
  comment: string | null;
  ratedAt: string | null;
  /** How many times the rating was changed after the first. */
  changes: number;
  /** Reopened before any rating: the offer no longer counts. */
  voided: boolean;
}

export function offeredRating(offerId: string, ticket: TicketCore, at: string, day: string, week: string): SatisfactionRating {
  return {
    _id: offerId,
    ticketId: ticket._id,
    number: ticket.number,
    customer: ticket.customer,
    day,
    week,
    offeredAt: at,
    team: ticket.team,
    agentId: ticket.assigneeId,
    category: ticket.category,
    priority: ticket.priority,
    channel: ticket.channel,
    tags: ticket.tags ?? [],
    score: null,
    comment: null,
    ratedAt: null,
    changes: 0,
    voided: false,
  };
}
