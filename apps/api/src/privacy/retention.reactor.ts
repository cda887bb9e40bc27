import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { ERASED_EMAIL, purposesFor, retentionCutoff, RetentionPolicy, retentionStreamId, SubjectKeys } from '@helpdesk/privacy';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { SubjectErasure } from './subject-erasure.service';

export interface RetentionReport {
  policy: RetentionPolicy;
  cutoff: string | null;
  dryRun: boolean;
  /** Tickets past the policy this round (applied, or would be in a dry run). */
  due: { ticketId: string; number: string; closedAt: string }[];
  applied: number;
}

/**
 * Retention: closed tickets older than the policy have their personal data erased (both keys)
 * or anonymised (the identity key: who; what was written stays). Each ticket's application is
 * recorded once, `RetentionApplied` on `retention-<ticketId>` with expected revision "no
 * stream", before its keys are shredded; a ticket recorded but not yet shredded (a crash in
 * between) is shredded on the next round. A dry run reports and changes nothing.
 */
@Injectable()
export class RetentionReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  readonly policy: RetentionPolicy;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly readModels: ReadModels,
    private readonly keys: SubjectKeys,
    private readonly erasure: SubjectErasure,
    @Inject(SETTINGS) settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.policy = { closedTicketDays: settings.RETENTION_CLOSED_TICKET_DAYS, action: settings.RETENTION_ACTION, dryRun: settings.RETENTION_DRY_RUN };
    this.interval = settings.RETENTION_INTERVAL_MS;
  }

  private readonly interval: number;

  onApplicationBootstrap(): void {
    if (this.policy.closedTicketDays === 0) return;
    this.timer = setInterval(() => {
      this.run().catch((error) => this.logger.warn(`Retention round failed: ${(error as Error).message}`));
    }, this.interval);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One round: what is due now, applied unless a dry run (the policy's, or asked for). */
  async run(options: { dryRun?: boolean } = {}): Promise<RetentionReport> {
    const dryRun = options.dryRun ?? this.policy.dryRun;
    const now = this.clock.now();
    const cutoff = retentionCutoff(this.policy, now);
    const report: RetentionReport = { policy: this.policy, cutoff: cutoff?.toISOString() ?? null, dryRun, due: [], applied: 0 };
    if (!cutoff) return report;
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    // Not yet erased: an anonymised or erased ticket's customer address reads as the erased one.
    const due = await tickets.find({ status: 'closed', closedAt: { $lt: cutoff.toISOString() }, 'customer.email': { $nin: [ERASED_EMAIL] } }, { sort: { closedAt: 1 } });
    report.due = due.map((t) => ({ ticketId: t._id, number: t.number, closedAt: t.closedAt! }));
    if (dryRun || due.length === 0) {
      if (due.length) this.logger.log(`Dry run: ${due.length} closed ticket(s) before ${cutoff.toISOString()} would be ${this.policy.action === 'erase' ? 'erased' : 'anonymised'}.`);
      return report;
    }
    const purposes = purposesFor(this.policy.action);
    const scopes: string[] = [];
    for (const ticket of due) {
      const scope = `ticket-${ticket._id}`;
      const done = await this.keys.shreddedPurposes(scope);
      if (purposes.every((p) => done.has(p))) continue;
      await this.record(ticket, now);
      scopes.push(scope);
    }
    if (scopes.length) await this.erasure.shredScopes(scopes, purposes, this.policy.action === 'erase');
    report.applied = scopes.length;
    this.logger.log(`Retention: ${scopes.length} closed ticket(s) before ${cutoff.toISOString()} ${this.policy.action === 'erase' ? 'erased' : 'anonymised'}.`);
    return report;
  }

  private async record(ticket: TicketView, now: Date): Promise<void> {
    const id = randomUUID();
    const at = now.toISOString();
    const data = { ticketId: ticket._id, action: this.policy.action, policyDays: this.policy.closedTicketDays, closedAt: ticket.closedAt, appliedAt: at };
    try {
      await this.events.append(
        retentionStreamId(ticket._id),
        [{ id, type: 'RetentionApplied', data, metadata: { eventId: id, correlationId: id, causationId: id, actor: { id: 'retention', role: 'system' }, occurredAt: at, schemaVersion: 1 } }],
        'no_stream',
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error; // recorded before: only the shredding was left
    }
  }
}
