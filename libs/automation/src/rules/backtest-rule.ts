import { BusinessCalendar } from '@helpdesk/sla';
import { RuleTrigger, Ticket } from '@helpdesk/ticketing';
import { BacktestMatch, BacktestResult } from './backtest-result';
import { RuleBook } from './rule-book';
import { describeSchedule, ruleDueAt } from './rule-clocks';
import { conditionsHold, lazyComparable } from './evaluate-rule';
import { planRuleFiring } from './plan-rule-firing';
import { Rule } from './rule-state';
import { advanceRuleTicket, NO_RULE_TICKET, RuleEventInput, ruleFactsOf, RuleTicket } from './rule-ticket';

/** A ticket event of the feed, with the ticket it belongs to. */
export interface BacktestEvent extends RuleEventInput {
  ticketId: string;
}

/**
 * Replays ticket events against a (draft) rule and says which tickets it would have matched inside
 * the window, and what it would have done: pure. Feed it the ticket events in feed order
 * (`add`, batch by batch, so a long history never sits in memory at once), then ask `result`.
 * Events before the window only build each ticket's state. A trigger is checked at each event of
 * its types; a time-based rule fires where its clock would have run out inside the window before
 * anything stopped it. Each firing is judged on the history as it happened: the rule's own
 * changes (and the rules they would have set off) are not replayed into it.
 */
export class RuleBacktest {
  private readonly draft: Rule;
  private readonly book: RuleBook;
  private readonly tickets = new Map<string, RuleTicket>();
  private readonly touched = new Set<string>();
  private readonly matchedTickets = new Set<string>();
  private readonly clocksFired = new Set<string>();
  private readonly matches: BacktestMatch[] = [];
  private matchCount = 0;
  private eventsExamined = 0;
  private readonly from: number;
  private readonly to: number;

  constructor(
    rule: Rule,
    private readonly window: { from: Date; to: Date },
    private readonly calendar: BusinessCalendar,
    private readonly limit = 500,
  ) {
    this.draft = { ...rule, enabled: true };
    this.book = new RuleBook([this.draft]);
    [this.from, this.to] = [window.from.getTime(), window.to.getTime()];
  }

  /** False once an event past the window's end was seen: the rest need not be read. */
  add(event: BacktestEvent): boolean {
    const at = new Date(event.occurredAt).getTime();
    if (at > this.to) return false;
    const before = this.tickets.get(event.ticketId) ?? NO_RULE_TICKET;
    // A clock that started earlier and would have run out before this event changed the ticket.
    this.clocksDue(before, at);
    const after = advanceRuleTicket(before, event);
    this.tickets.set(event.ticketId, after);
    if (at < this.from || !after.ticket) return true;
    this.eventsExamined++;
    this.touched.add(event.ticketId);
    if (!this.book.waitsFor(event.type)) return true;
    for (const { matched } of this.book.triggered(event.type, ruleFactsOf({ ...after, ticket: after.ticket }, new Date(at), this.calendar, event))) {
      this.record(after.ticket, new Date(at), { kind: 'event', eventId: event.id, eventType: event.type }, matched);
    }
    return true;
  }

  result(): BacktestResult {
    for (const current of this.tickets.values()) this.clocksDue(current, this.to + 1);
    return {
      from: this.window.from.toISOString(),
      to: this.window.to.toISOString(),
      eventsExamined: this.eventsExamined,
      ticketsExamined: this.touched.size,
      matchCount: this.matchCount,
      ticketCount: this.matchedTickets.size,
      matches: this.matches,
    };
  }

  private record(ticket: Ticket, at: Date, trigger: RuleTrigger, matched: string[]): void {
    const plan = planRuleFiring({ rule: this.draft, ticket, trigger, matched, depth: 0, commentIds: this.draft.content.actions.map((_, i) => `backtest-${i}`) });
    const firing = plan.commands[0];
    if (!firing || firing.type !== 'RecordRuleFiring') return;
    this.matchCount++;
    this.matchedTickets.add(ticket.id);
    if (this.matches.length < this.limit) this.matches.push({ ticketId: ticket.id, number: ticket.number, at: at.toISOString(), trigger, matched, actions: firing.data.actions });
  }

  /** A clock of a time-based rule that ran out before `until` (exclusive), judged on the ticket as it then was. */
  private clocksDue(current: RuleTicket, until: number): void {
    const schedule = this.draft.content.schedule;
    if (!schedule || !current.ticket) return;
    const since = current.clocks[schedule.clock];
    if (!since) return;
    const due = ruleDueAt(schedule, since, this.calendar);
    if (due.getTime() >= until || due.getTime() < this.from || due.getTime() > this.to) return;
    // Checked inside the window though none of its events may be: counted, so ticketCount never exceeds ticketsExamined.
    this.touched.add(current.ticket.id);
    // Once per run of the clock, however many events happen while it keeps running.
    const key = `${current.ticket.id}\u0000${since}`;
    if (this.clocksFired.has(key)) return;
    this.clocksFired.add(key);
    const facts = ruleFactsOf({ ...current, ticket: current.ticket }, due, this.calendar);
    const matched = conditionsHold(this.draft.content.conditions, facts, lazyComparable(facts));
    if (matched) this.record(current.ticket, due, { kind: 'time', clock: schedule.clock, since, dueAt: due.toISOString() }, [describeSchedule(schedule), ...matched]);
  }
}

/** The backtest of a whole list of events at once (tests, small histories). */
export function backtestRule(rule: Rule, events: Iterable<BacktestEvent>, window: { from: Date; to: Date }, calendar: BusinessCalendar, limit = 500): BacktestResult {
  const run = new RuleBacktest(rule, window, calendar, limit);
  for (const event of events) if (!run.add(event)) break;
  return run.result();
}
