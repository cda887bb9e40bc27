import { toTicketEvent } from '@helpdesk/application';
import { evolveRule, foldRuleTicket, Rule, RULE_EVENT_TYPES, RULE_STREAM_PREFIX, RuleBook, RuleEvent, RuleEventInput, ruleFactsOf } from '@helpdesk/automation';
import { EventStore, EventSubscription, Position, START, StoredEvent } from '@helpdesk/event-store';
import { BusinessCalendar } from '@helpdesk/sla';
import { TICKET_STREAM_PREFIX } from '@helpdesk/ticketing';
import { AutomationCheckpoint } from './automation-checkpoint';
import { FeedProgress } from '../../reactors/feed-progress';
import { RuleFirer } from './rule-firer';

const RULE_TYPES = new Set<string>(RULE_EVENT_TYPES);
const SCAN_BATCH = 1000;

export interface TriggerReactorOptions {
  maxBatch?: number;
  /** Attempts at one event before it is logged and skipped (storage outages are waited out without end). */
  maxAttempts?: number;
  log?: (message: string) => void;
}

/** A feed event as a rule sees it, its business time from the metadata. */
export function ruleEventOf(stored: StoredEvent): RuleEventInput {
  const event = toTicketEvent(stored);
  return { id: stored.id, type: event.type, data: event.data as Record<string, unknown>, occurredAt: event.occurredAt };
}

/**
 * Triggers: follows the global feed from its own checkpoint and, for each ticket event, fires the
 * enabled rules that wait for its type and whose conditions hold on the ticket as that event left
 * it. The rules themselves come down the same feed (automation-rule-<id> streams), so an event is
 * judged by the rules in force at its position, on every delivery. A rule event is recorded with
 * the checkpoint in one document before anything after it is handled.
 */
export class TriggerReactor {
  private subscription?: EventSubscription;
  private loop: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly rules = new Map<string, Rule>();
  private readonly options: Required<Omit<TriggerReactorOptions, 'log'>> & TriggerReactorOptions;
  book = new RuleBook([]);
  private readonly progress = new FeedProgress();
  /** Called after a rule changed, or a ticket event that may start a clock: the time watch looks again. */
  onChange: () => void = () => undefined;

  constructor(
    private readonly store: EventStore,
    private readonly checkpoint: AutomationCheckpoint,
    private readonly firer: RuleFirer,
    private readonly calendar: () => Promise<BusinessCalendar>,
    options: TriggerReactorOptions = {},
  ) {
    this.options = { maxBatch: 200, maxAttempts: 8, ...options };
  }

  private log(message: string) {
    this.options.log?.(message);
  }

  /** From the stored checkpoint; on the very first start from the head, with the rules written so far (history sets nothing off). */
  async start(): Promise<void> {
    const saved = await this.checkpoint.load();
    let from: Position;
    if (saved) {
      from = saved.position;
      for (const rule of saved.rules) this.rules.set(rule.id, rule);
    } else {
      from = await this.store.headPosition();
      await this.scanRules(from);
      await this.checkpoint.save(from, [...this.rules.values()]);
    }
    this.book = new RuleBook(this.rules.values());
    this.progress.position = from;
    this.subscription = this.store.subscribe(from, { maxBatch: this.options.maxBatch });
    this.loop = this.follow(this.subscription);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /** The rules in force at the reactor's position. */
  currentRules(): Rule[] {
    return [...this.rules.values()];
  }

  /** Where it stands in the feed: everything up to here is handled. */
  get position(): Position | null {
    return this.progress.position;
  }

  /** Resolves once the reactor has handled `position` (false after the timeout). */
  waitFor(position: Position, timeoutMs = 10_000): Promise<boolean> {
    return this.progress.waitFor(position, timeoutMs);
  }

  /** One feed event; answers how many rules it fired. */
  async handle(event: StoredEvent): Promise<number> {
    if (event.streamId.startsWith(RULE_STREAM_PREFIX) && RULE_TYPES.has(event.type)) {
      this.applyRuleEvent(event);
      await this.checkpoint.save(event.position, [...this.rules.values()]);
      this.onChange();
      return 0;
    }
    if (!event.streamId.startsWith(TICKET_STREAM_PREFIX) || !this.book.waitsFor(event.type)) return 0;
    const ticketId = event.streamId.slice(TICKET_STREAM_PREFIX.length);
    // The ticket as this event left it: the same facts however late or often the event comes.
    const stream = await this.store.readStream(event.streamId);
    const upTo = stream.filter((e) => e.revision <= event.revision).map(ruleEventOf);
    const current = foldRuleTicket(upTo);
    if (!current.ticket) return 0;
    const trigger = ruleEventOf(event);
    const facts = ruleFactsOf({ ...current, ticket: current.ticket }, new Date(trigger.occurredAt), await this.calendar(), trigger);
    const causedBy = event.metadata.automation as { depth?: number; ruleId?: string } | undefined;
    const depth = Number(causedBy?.depth ?? 0);
    let fired = 0;
    for (const { rule, matched } of this.book.triggered(event.type, facts)) {
      const result = await this.firer.fire({
        rule,
        ticketId,
        trigger: { kind: 'event', eventId: event.id, eventType: event.type },
        matched,
        depth,
        selfTriggered: causedBy?.ruleId === rule.id,
        idempotencyKey: `rule:${rule.id}:${event.id}`,
        correlationId: String(event.metadata.correlationId ?? event.id),
      });
      if (result && !result.replayed) fired++;
    }
    return fired;
  }

  private applyRuleEvent(event: StoredEvent): void {
    const ruleId = event.streamId.slice(RULE_STREAM_PREFIX.length);
    const next = evolveRule(this.rules.get(ruleId) ?? null, { type: event.type, data: event.data } as RuleEvent);
    if (next) this.rules.set(ruleId, next);
    this.book = new RuleBook(this.rules.values());
  }

  /** Every rule event up to `head`: the rules in force there (read once, on the reactor's first start). */
  private async scanRules(head: Position): Promise<void> {
    let after: Position = START;
    while (after < head) {
      const batch = await this.store.readAll(after, SCAN_BATCH);
      if (batch.length === 0) break;
      for (const event of batch) {
        if (event.position > head) return;
        if (event.streamId.startsWith(RULE_STREAM_PREFIX) && RULE_TYPES.has(event.type)) this.applyRuleEvent(event);
      }
      after = batch[batch.length - 1].position;
    }
  }

  private async follow(subscription: EventSubscription): Promise<void> {
    try {
      for await (const batch of subscription) {
        let clocks = false;
        for (const event of batch) {
          if (this.stopped) return;
          await this.retrying(event, () => this.handle(event));
          clocks ||= event.streamId.startsWith(TICKET_STREAM_PREFIX);
        }
        if (this.stopped) return;
        const last = batch[batch.length - 1].position;
        await this.retrying(null, () => this.checkpoint.advance(last));
        this.progress.reached(last);
        if (clocks && this.book.timeRules.length) this.onChange();
      }
    } catch (error) {
      if (!this.stopped) this.log(`automation stopped following the feed: ${(error as Error).message}`);
    }
  }

  /** Storage outages are waited out; an event that keeps failing for a reason of its own is logged and passed after maxAttempts. */
  private async retrying<T>(event: StoredEvent | null, work: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (this.stopped) return undefined;
        const storage = ['EventStoreUnavailableError', 'ReadStoreUnavailableError'].includes((error as Error)?.name);
        this.log(`automation: ${event ? `${event.type} at ${event.position}: ` : ''}${(error as Error).message}`);
        if (event && !storage && attempt >= this.options.maxAttempts) {
          this.log(`automation: gave up on ${event.type} at ${event.position} after ${attempt} attempts`);
          return undefined;
        }
        await new Promise((r) => setTimeout(r, 100 * 2 ** Math.min(attempt - 1, 6)));
      }
    }
  }
}
