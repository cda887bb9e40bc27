import { addBusinessMillis, BusinessCalendar } from '@helpdesk/sla';
import { Ticket } from '@helpdesk/ticketing';
import { RuleClock, RuleSchedule } from './rule-schedule';

/** When each clock of a ticket started; null while it is not running. */
export type RuleClocks = Record<RuleClock, string | null>;

export const STOPPED_CLOCKS: RuleClocks = { waiting_on_customer: null, unassigned: null, resolved_unanswered: null };

const isOpen = (t: Ticket) => t.status !== 'resolved' && t.status !== 'closed';

/** Whether each clock runs for a ticket in this state. `resolved_unanswered` also stops at the customer's first word (see below). */
function running(ticket: Ticket | null): Record<RuleClock, boolean> {
  return {
    waiting_on_customer: ticket?.status === 'waiting_on_customer',
    unassigned: !!ticket && isOpen(ticket) && ticket.assigneeId === null,
    resolved_unanswered: ticket?.status === 'resolved' && !ticket.resolutionConfirmed,
  };
}

/**
 * The clocks after one event: a clock starts (at the event's time) when the event puts the ticket
 * in its condition, stops when it takes it out, and otherwise keeps its start. A customer's
 * comment answers a resolution, so it stops `resolved_unanswered` though the ticket stays resolved;
 * a new resolution starts it again.
 */
export function nextRuleClocks(clocks: RuleClocks, after: Ticket | null, event: { type: string; data: Record<string, unknown>; occurredAt: string }): RuleClocks {
  const runs = running(after);
  const next = { ...clocks };
  for (const clock of ['waiting_on_customer', 'unassigned'] as const) {
    if (!runs[clock]) next[clock] = null;
    else if (next[clock] === null) next[clock] = event.occurredAt;
  }
  if (!runs.resolved_unanswered) next.resolved_unanswered = null;
  else if (event.type === 'TicketResolved') next.resolved_unanswered = event.occurredAt;
  else if (event.type === 'CommentAdded' && event.data.author === 'customer') next.resolved_unanswered = null;
  return next;
}

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, business_hours: 3_600_000 } as const;

/** The instant a clock started at `since` runs out for `schedule`; business hours count only while the calendar is open. */
export function ruleDueAt(schedule: RuleSchedule, since: string, calendar: BusinessCalendar): Date {
  const from = new Date(since);
  const ms = schedule.amount * UNIT_MS[schedule.unit];
  return schedule.unit === 'business_hours' ? addBusinessMillis(calendar, from, ms) : new Date(from.getTime() + ms);
}

export const describeSchedule = (s: RuleSchedule) => `${s.clock.replace(/_/g, ' ')} for ${s.amount} ${s.unit.replace('_', ' ')}`;
