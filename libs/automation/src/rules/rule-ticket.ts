import { BusinessCalendar } from '@helpdesk/sla';
import { Channel, DatedTicketEvent, evolve, Ticket } from '@helpdesk/ticketing';
import { nextRuleClocks, RuleClocks, STOPPED_CLOCKS } from './rule-clocks';
import { RULE_TEXT_PART_BREAK, RuleFacts } from './rule-facts';

/** A ticket event as rules see it: from the ticket's stream or the global feed. */
export interface RuleEventInput {
  id: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

/** What rules know of one ticket, folded from its events: the decider's state plus what it does not keep. */
export interface RuleTicket {
  ticket: Ticket | null;
  channel: Channel;
  description: string;
  clocks: RuleClocks;
}

export const NO_RULE_TICKET: RuleTicket = { ticket: null, channel: 'api', description: '', clocks: STOPPED_CLOCKS };

export function advanceRuleTicket(current: RuleTicket, event: RuleEventInput): RuleTicket {
  const ticket = evolve(current.ticket, event as unknown as DatedTicketEvent);
  const submitted = event.type === 'TicketSubmitted';
  return {
    ticket,
    channel: submitted ? (event.data.channel as Channel) : current.channel,
    description: submitted ? String(event.data.description ?? '') : current.description,
    clocks: nextRuleClocks(current.clocks, ticket, event),
  };
}

export const foldRuleTicket = (events: Iterable<RuleEventInput>, from: RuleTicket = NO_RULE_TICKET): RuleTicket => {
  let current = from;
  for (const event of events) current = advanceRuleTicket(current, event);
  return current;
};

/** The facts for conditions: the ticket after `event` (or as it is, for a clock), its text and the instant. */
export function ruleFactsOf(current: RuleTicket & { ticket: Ticket }, at: Date, calendar: BusinessCalendar, event?: RuleEventInput): RuleFacts {
  const comment = event?.type === 'CommentAdded' ? String(event.data.body ?? '') : '';
  return { ticket: current.ticket, channel: current.channel, text: [current.ticket.subject ?? '', current.description, comment].join(RULE_TEXT_PART_BREAK), at, calendar };
}
