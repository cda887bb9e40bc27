import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SLA_WATCH_ACTOR, SlaPolicyBook, SlaWatch, TicketCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { SlaEvent } from '@helpdesk/sla';
import { Priority } from '@helpdesk/ticketing';
import { randomUUID } from 'node:crypto';
import { Settings, SETTINGS } from '../config/settings';
import { RoutingService } from '../routing/routing.service';

/** Longest sleep: new tickets with an earlier deadline are noticed within this. */
const MAX_SLEEP_MS = 30_000;
const BATCH = 500;
const RAISED: Record<Priority, Priority | null> = { low: 'medium', medium: 'high', high: null };

/**
 * Sleeps until the earliest SLA deadline any open ticket has (read from the `tickets` model's
 * `slaNextAt` index, not by scanning tickets), then records what fell due through `SlaWatch`
 * and applies the escalation rules to each breach.
 */
@Injectable()
export class SlaWatchService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SLA');
  private readonly watch: SlaWatch;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly readModels: ReadModels,
    private readonly commands: TicketCommandRunner,
    private readonly routing: RoutingService,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    policies: SlaPolicyBook,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {
    this.watch = new SlaWatch(store, policies, clock);
  }

  onApplicationBootstrap(): void {
    if (this.settings.RUN_SLA_WATCH) this.sleep(0);
  }

  /** Stops the timer and waits for a pass under way (its commands finish before the stores close). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  /** Records everything due now; answers the events recorded. Called by the timer, and by tests. */
  async runDue(): Promise<SlaEvent[]> {
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const due = await tickets.find({ open: true, slaNextAt: { $lte: this.clock.now().toISOString() } }, { sort: { slaNextAt: 1 }, limit: BATCH });
    const recorded: SlaEvent[] = [];
    for (const ticket of due) {
      const events = await this.watch.check(ticket._id);
      recorded.push(...events);
      for (const breach of events.filter((e) => e.type === 'SlaBreached')) await this.escalate(ticket, breach);
    }
    return recorded;
  }

  /** The escalation rules in SLA_ESCALATION, in order; each acts through an ordinary command. */
  private async escalate(ticket: TicketView, breach: SlaEvent): Promise<void> {
    const what = `${breach.data.target.replace('_', ' ')} target breached at ${breach.data.at}`;
    const rules = this.settings.SLA_ESCALATION;
    const run = (rule: string, work: () => Promise<unknown>) => work().catch((error) => this.logger.warn(`Escalation ${rule} on ${ticket.number}: ${(error as Error).message}`));
    const envelope = (rule: string) => ({ actor: SLA_WATCH_ACTOR, scope: {}, correlationId: randomUUID(), idempotencyKey: `sla-escalation:${rule}:${breach.data.target}`, request: breach.data });
    if (rules.includes('notify_supervisor')) {
      // An internal note is what supervisors' views of the ticket and its audit trail show.
      await run('notify_supervisor', () =>
        this.commands.execute(ticket._id, { type: 'AddComment', data: { commentId: randomUUID(), body: `SLA escalation for supervisors: ${what}.`, visibility: 'internal' } }, envelope('notify_supervisor')),
      );
    }
    // One step above the class the target breached under: two breaches of one class raise it once.
    const priority = breach.data.slaClass === 'emergency' ? null : RAISED[breach.data.slaClass];
    if (rules.includes('raise_priority') && priority) {
      await run('raise_priority', () => this.commands.execute(ticket._id, { type: 'PrioritizeTicket', data: { priority, reason: `Escalated: ${what}` } }, envelope('raise_priority')));
    }
    if (rules.includes('reassign') && ticket.assigneeId) {
      await run('reassign', () => this.routing.reassign(ticket._id, `Escalated: ${what}. `));
    }
  }

  private sleep(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void (this.ticking = this.tick()), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.runDue();
      const tickets = await this.readModels.collection<TicketView>(TICKETS);
      const [next] = await tickets.find({ open: true, slaNextAt: { $ne: null } }, { sort: { slaNextAt: 1 }, limit: 1 });
      const wait = next?.slaNextAt ? new Date(next.slaNextAt).getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
      this.sleep(Math.min(MAX_SLEEP_MS, Math.max(1000, wait)));
    } catch (error) {
      this.logger.warn(`SLA watch: ${(error as Error).message}`);
      this.sleep(5000);
    }
  }
}
