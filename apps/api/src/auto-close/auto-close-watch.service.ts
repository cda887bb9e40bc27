import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { TicketCommandRunner } from '@helpdesk/application';
import { ReadModels } from '@helpdesk/projection-engine';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { TicketError } from '@helpdesk/ticketing';
import { randomUUID } from 'node:crypto';
import { Settings, SETTINGS } from '../config/settings';

export const AUTO_CLOSE_ACTOR = { id: 'auto-close', role: 'system' } as const;
const MAX_SLEEP_MS = 30_000;
const BATCH = 200;
const HOUR_MS = 60 * 60 * 1000;

export interface AutoCloseOutcome {
  ticketId: string;
  did: 'reminded' | 'closed';
}

/**
 * Closes resolved tickets the customer has not answered (neither confirmed nor replied, which
 * reopens) once AUTO_CLOSE_AFTER_DAYS have passed, and reminds them AUTO_CLOSE_REMINDER_HOURS
 * before. Sleeps until the next instant either falls due: the oldest unconfirmed resolution, read
 * from an index of the `tickets` model, never a scan. Acts through the ordinary commands as the
 * `system`, each keyed by the ticket and its resolution, so a second pass, a lagging read model or
 * a second process does nothing twice; the decider refuses a second reminder or close anyway.
 */
@Injectable()
export class AutoCloseWatchService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AutoClose');
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly readModels: ReadModels,
    private readonly commands: TicketCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.RUN_AUTO_CLOSE) this.sleep(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  private get closeAfterMs() {
    return this.settings.AUTO_CLOSE_AFTER_DAYS * 24 * HOUR_MS;
  }

  private get remindAfterMs() {
    return Math.max(0, this.closeAfterMs - this.settings.AUTO_CLOSE_REMINDER_HOURS * HOUR_MS);
  }

  /** Reminds and closes whatever is due now; answers what it did. Called by the timer, and by tests. */
  async runDue(): Promise<AutoCloseOutcome[]> {
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const now = this.clock.now().getTime();
    const done: AutoCloseOutcome[] = [];
    if (this.settings.AUTO_CLOSE_REMINDER_HOURS > 0) {
      const remindable = await tickets.find(
        { status: 'resolved', confirmedAt: null, autoCloseReminded: { $ne: true }, resolvedAt: { $lte: new Date(now - this.remindAfterMs).toISOString() } },
        { sort: { resolvedAt: 1 }, limit: BATCH },
      );
      for (const ticket of remindable) {
        // Past the close already (the watch was down): closing says it all, no reminder first.
        if (new Date(ticket.resolvedAt!).getTime() + this.closeAfterMs <= now) continue;
        const closesAt = new Date(new Date(ticket.resolvedAt!).getTime() + this.closeAfterMs).toISOString();
        if (await this.act(ticket, 'reminder', { type: 'RemindAutoClose', data: { closesAt } })) done.push({ ticketId: ticket._id, did: 'reminded' });
      }
    }
    const closable = await tickets.find({ status: 'resolved', confirmedAt: null, resolvedAt: { $lte: new Date(now - this.closeAfterMs).toISOString() } }, { sort: { resolvedAt: 1 }, limit: BATCH });
    for (const ticket of closable) {
      const note = `Closed by the helpdesk: no answer from the customer within ${this.settings.AUTO_CLOSE_AFTER_DAYS} days of the resolution.`;
      if (await this.act(ticket, 'close', { type: 'CloseTicket', data: { note } })) done.push({ ticketId: ticket._id, did: 'closed' });
    }
    return done;
  }

  /** The next instant something falls due, from the two indexes; null when nothing waits. */
  async nextDue(): Promise<Date | null> {
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const [oldest] = await tickets.find({ status: 'resolved', confirmedAt: null }, { sort: { resolvedAt: 1 }, limit: 1 });
    const [unreminded] = this.settings.AUTO_CLOSE_REMINDER_HOURS > 0 ? await tickets.find({ status: 'resolved', confirmedAt: null, autoCloseReminded: { $ne: true } }, { sort: { resolvedAt: 1 }, limit: 1 }) : [];
    const times = [
      ...(oldest?.resolvedAt ? [new Date(oldest.resolvedAt).getTime() + this.closeAfterMs] : []),
      ...(unreminded?.resolvedAt ? [new Date(unreminded.resolvedAt).getTime() + this.remindAfterMs] : []),
    ];
    return times.length ? new Date(Math.min(...times)) : null;
  }

  private async act(ticket: TicketView, what: 'reminder' | 'close', command: Parameters<TicketCommandRunner['execute']>[1]): Promise<boolean> {
    const envelope = {
      actor: AUTO_CLOSE_ACTOR,
      scope: {},
      correlationId: randomUUID(),
      // One per resolution: a ticket resolved again later gets its own reminder and close.
      idempotencyKey: `auto-close:${what}:${ticket.resolvedAt}`,
      request: { what, resolvedAt: ticket.resolvedAt },
    };
    try {
      return !(await this.commands.execute(ticket._id, command, envelope)).replayed;
    } catch (error) {
      // The read model lagged behind a confirmation, a reply or a close elsewhere: nothing to do.
      if (error instanceof TicketError) return false;
      throw error;
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
      const next = await this.nextDue();
      const wait = next ? next.getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
      this.sleep(Math.min(MAX_SLEEP_MS, Math.max(1000, wait)));
    } catch (error) {
      this.logger.warn(`auto-close watch: ${(error as Error).message}`);
      this.sleep(5000);
    }
  }
}
