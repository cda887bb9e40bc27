import { RuleTrigger } from '@helpdesk/ticketing';

/** One firing the rule would have made. */
export interface BacktestMatch {
  ticketId: string;
  number: string;
  at: string;
  trigger: RuleTrigger;
  matched: string[];
  /** What it would have done, given the ticket as it was then. */
  actions: string[];
}

export interface BacktestResult {
  from: string;
  to: string;
  /** Ticket events inside the window that the rule was checked against. */
  eventsExamined: number;
  /** Tickets with an event inside the window, or a clock that ran out inside it. */
  ticketsExamined: number;
  /** How many firings in all; `matches` holds at most `limit` of them, earliest first. */
  matchCount: number;
  ticketCount: number;
  matches: BacktestMatch[];
}
