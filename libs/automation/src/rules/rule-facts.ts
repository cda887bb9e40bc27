import { BusinessCalendar } from '@helpdesk/sla';
import { Channel, Ticket } from '@helpdesk/ticketing';

/** What a rule's conditions are checked against. */
export interface RuleFacts {
  /** The ticket as the triggering event left it (for a time-based rule: as it is when the clock runs out). */
  ticket: Ticket;
  channel: Channel;
  /** The subject, the description and the triggering comment, joined by RULE_TEXT_PART_BREAK: what `text contains` looks in. */
  text: string;
  /** When: the triggering event's business time, or the instant the clock ran out. */
  at: Date;
  calendar: BusinessCalendar;
}

/** Between the subject, the description and the comment in RuleFacts.text (a paragraph separator, which no phrase contains once normalised). */
export const RULE_TEXT_PART_BREAK = '\u2029';
