import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SlaPolicyBook, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, QUEUE, RULE_CLOCKS_COLLECTION, WORKLOAD } from '@helpdesk/projections';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { BusinessCalendar } from '@helpdesk/sla';
import { ruleCalendar } from '../rule-calendar';
import { Settings, SETTINGS } from '../../config/settings';
import { RoutingService } from '../../routing/routing.service';
import { AutomationCheckpoint } from './automation-checkpoint';
import { RuleFirer } from './rule-firer';
import { MAX_SLEEP_MS, TimeRuleOutcome, TimeRuleWatch } from './time-rule-watch';
import { TriggerReactor } from './trigger-reactor';

const CALENDAR_TTL_MS = 60_000;

/**
 * Runs the automation rules in this process (RUN_AUTOMATION): the trigger reactor on the feed,
 * and the time-based rules' watch, which sleeps until the next clock runs out (at most 30 s),
 * and looks again at once when a rule changes or a ticket event may have started a clock.
 */
@Injectable()
export class AutomationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Automation');
  reactor?: TriggerReactor;
  watch?: TimeRuleWatch;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ticking: Promise<unknown> = Promise.resolve();
  private calendarCache?: { calendar: BusinessCalendar; until: number };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly readModels: ReadModels,
    private readonly engine: ProjectionEngine,
    private readonly tickets: TicketCommandRunner,
    private readonly routing: RoutingService,
    private readonly policies: SlaPolicyBook,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.RUN_AUTOMATION) return;
    const checkpoint = new AutomationCheckpoint(this.readStore);
    const firer = new RuleFirer(
      this.tickets,
      async (ticketId, why, { idempotencyKey, causationId, after }) => {
        // Routing reads the queue: let it see the firing's own changes (a team set, say) first.
        await this.engine.waitFor(after.position, [QUEUE, AGENTS, WORKLOAD], 10_000);
        await this.routing.reassign(ticketId, why, { idempotencyKey, causationId });
      },
      (m) => this.logger.warn(m),
    );
    const calendar = () => this.calendar();
    this.reactor = new TriggerReactor(this.store, checkpoint, firer, calendar, { log: (m) => this.logger.warn(m) });
    this.watch = new TimeRuleWatch(this.store, this.readModels, checkpoint, firer, this.clock, calendar, async () =>
      this.engine.waitFor(await this.store.headPosition(), [RULE_CLOCKS_COLLECTION], 5000),
    );
    this.reactor.onChange = () => this.wake();
    await this.reactor.start();
    this.sleep(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.reactor?.stop();
    await this.ticking;
  }

  /** Fires the time-based rules due now (the timer calls it; tests too, after moving the clock). */
  async runDue(): Promise<TimeRuleOutcome[]> {
    if (!this.reactor || !this.watch) return [];
    const run = this.ticking.then(() => this.watch!.runDue(this.reactor!.book.timeRules));
    this.ticking = run.catch(() => undefined);
    const { outcomes, nextDue } = await run;
    this.nextDue = nextDue;
    return outcomes;
  }

  private nextDue: Date | null = null;

  private wake(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.sleep(0);
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        await this.runDue();
      } catch (error) {
        this.logger.warn(`time-based rules: ${(error as Error).message}`);
      }
      const wait = this.nextDue ? this.nextDue.getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
      this.sleep(Math.min(MAX_SLEEP_MS, Math.max(1000, wait)));
    }, ms);
    this.timer.unref();
  }

  /** The rules' business calendar (ruleCalendar), looked up at most once a minute. */
  private async calendar(): Promise<BusinessCalendar> {
    const now = Date.now();
    if (this.calendarCache && this.calendarCache.until > now) return this.calendarCache.calendar;
    const calendar = await ruleCalendar(this.policies);
    this.calendarCache = { calendar, until: now + CALENDAR_TTL_MS };
    return calendar;
  }
}
