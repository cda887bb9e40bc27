import { Inject, Injectable } from '@nestjs/common';
import { SlaPolicyBook } from '@helpdesk/application';
import { BacktestResult, Rule, RuleBacktest } from '@helpdesk/automation';
import { EVENT_STORE, EventStore, Position, START } from '@helpdesk/event-store';
import { ticketFact } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { ruleCalendar } from './rule-calendar';

const BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Replays the event log's ticket events against a rule, from the start (each ticket's state is
 * built from its first event) to the end of the window, batch by batch: what the rule would have
 * matched in the last `days`, and what it would have done. Writes nothing.
 */
@Injectable()
export class RuleBacktestService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: SlaPolicyBook,
  ) {}

  async run(rule: Rule, days: number): Promise<BacktestResult> {
    const to = this.clock.now();
    const backtest = new RuleBacktest(rule, { from: new Date(to.getTime() - days * DAY_MS), to }, await ruleCalendar(this.policies));
    let after: Position = START;
    for (;;) {
      const batch = await this.store.readAll(after, BATCH);
      for (const stored of batch) {
        const fact = ticketFact(stored);
        if (!fact) continue;
        const event = { id: fact.eventId, ticketId: fact.ticketId, type: fact.event.type, data: fact.event.data as unknown as Record<string, unknown>, occurredAt: fact.occurredAt };
        if (!backtest.add(event)) return backtest.result();
      }
      if (batch.length < BATCH) return backtest.result();
      after = batch[batch.length - 1].position;
    }
  }
}
