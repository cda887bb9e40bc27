import { foldRuleTicket, Rule, RuleClock, ruleDueAt, ruleFactsOf, timeRuleHolds, describeSchedule } from '@helpdesk/automation';
import { EventStore } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { RULE_CLOCKS_COLLECTION, RuleClocksView } from '@helpdesk/projections';
import { Clock } from '@helpdesk/shared';
import { BusinessCalendar } from '@helpdesk/sla';
import { ticketStreamId } from '@helpdesk/ticketing';
import { AutomationCheckpoint } from './automation-checkpoint';
import { RuleFirer } from './rule-firer';
import { ruleEventOf } from './trigger-reactor';

const PAGE = 100;
export const MAX_SLEEP_MS = 30_000;

export interface TimeRuleOutcome {
  ruleId: string;
  ticketId: string;
  since: string;
  fired: boolean;
}

/**
 * Time-based rules: for each one, the tickets whose clock (on hold, unassigned, resolved and
 * unanswered) has run for the rule's duration, found in start order through an index of
 * `rule_clocks`, never by a scan of every ticket; then it sleeps until the next clock runs out.
 * Each rule version keeps a cursor (the last clock start it dealt with). A firing is keyed by the
 * rule, the clock and its start: once per run of the clock, whatever restarts or second processes.
 * The conditions are checked on the ticket as its stream has it when the clock runs out.
 */
export class TimeRuleWatch {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly checkpoint: AutomationCheckpoint,
    private readonly firer: RuleFirer,
    private readonly clock: Clock,
    private readonly calendar: () => Promise<BusinessCalendar>,
    /** Waits until the `rule_clocks` read model has applied the whole log (false: it lags; try again later). */
    private readonly clocksCaughtUp: () => Promise<boolean>,
  ) {}

  /** Fires what is due now for each rule; answers what it did and the next instant something falls due (null: nothing waits). */
  async runDue(rules: readonly Rule[]): Promise<{ outcomes: TimeRuleOutcome[]; nextDue: Date | null }> {
    const outcomes: TimeRuleOutcome[] = [];
    let nextDue: Date | null = null;
    if (rules.length === 0) return { outcomes, nextDue };
    if (!(await this.clocksCaughtUp())) return { outcomes, nextDue: new Date(this.clock.now().getTime() + 1000) };
    const calendar = await this.calendar();
    for (const rule of rules) {
      const due = await this.runRule(rule, calendar, outcomes);
      if (due && (!nextDue || due < nextDue)) nextDue = due;
    }
    return { outcomes, nextDue };
  }

  private async runRule(rule: Rule, calendar: BusinessCalendar, outcomes: TimeRuleOutcome[]): Promise<Date | null> {
    const schedule = rule.content.schedule!;
    const clock: RuleClock = schedule.clock;
    const clocks = await this.readModels.collection<RuleClocksView>(RULE_CLOCKS_COLLECTION);
    let cursor = await this.checkpoint.clockCursor(rule.id, rule.version);
    for (;;) {
      const now = this.clock.now();
      const page = await clocks.find({ [clock]: cursor ? { $gte: cursor.since } : { $ne: null } }, { sort: { [clock]: 1, _id: 1 }, limit: PAGE });
      const fresh = page.filter((doc) => !cursor || doc[clock]! > cursor.since || doc._id > cursor.ticketId);
      for (const doc of fresh) {
        const since = doc[clock]!;
        const due = ruleDueAt(schedule, since, calendar);
        if (due > now) return due;
        outcomes.push({ ruleId: rule.id, ticketId: doc._id, since, fired: await this.fireIfStillRunning(rule, doc._id, since, due, calendar) });
        cursor = { since, ticketId: doc._id };
        await this.checkpoint.setClockCursor(rule.id, rule.version, cursor);
      }
      if (page.length < PAGE) return null;
    }
  }

  /** The clock as the ticket's own stream has it now: still running from the same start, and the conditions hold. */
  private async fireIfStillRunning(rule: Rule, ticketId: string, since: string, due: Date, calendar: BusinessCalendar): Promise<boolean> {
    const schedule = rule.content.schedule!;
    const current = foldRuleTicket((await this.store.readStream(ticketStreamId(ticketId))).map(ruleEventOf));
    if (!current.ticket || current.clocks[schedule.clock] !== since) return false;
    const matched = timeRuleHolds(rule, ruleFactsOf({ ...current, ticket: current.ticket }, due, calendar));
    if (!matched) return false;
    const result = await this.firer.fire({
      rule,
      ticketId,
      trigger: { kind: 'time', clock: schedule.clock, since, dueAt: due.toISOString() },
      matched: [describeSchedule(schedule), ...matched],
      depth: 0,
      idempotencyKey: `rule:${rule.id}:${schedule.clock}:${since}`,
      correlationId: `rule:${rule.id}:${schedule.clock}:${since}`,
    });
    return !!result && !result.replayed;
  }
}
