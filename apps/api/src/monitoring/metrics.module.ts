import { Global, Inject, Module, OnModuleInit } from '@nestjs/common';
import { AgentCommandRunner, TicketCommandRunner, UserAccounts } from '@helpdesk/application';
import { EVENT_STORE, EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ProjectionEngine, REGISTRY_COLLECTION, ReadModels } from '@helpdesk/projection-engine';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { TICKETS, TicketView } from '@helpdesk/projections';
import { CLOCK, Clock } from '@helpdesk/shared';
import { InFlightRequests } from '../lifecycle/in-flight-requests';
import { HelpdeskMetrics } from './helpdesk-metrics';
import { commandOutcome, measure } from './instrument';
import { RoutingModule } from '../routing/routing.module';
import { PrometheusController } from './prometheus.controller';

/** The read model the notifications outbox keeps (one document per notification, with a `status`). */
const NOTIFICATIONS = 'notifications';

/**
 * Prometheus metrics at GET /metrics/prometheus. Commands are measured where every caller (HTTP
 * handlers and reactors) passes: the ticket, user and agent runners; appends at the event store.
 */
@Global()
@Module({
  imports: [RoutingModule],
  controllers: [PrometheusController],
  providers: [{ provide: HelpdeskMetrics, useFactory: () => new HelpdeskMetrics() }],
  exports: [HelpdeskMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: HelpdeskMetrics,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly engine: ProjectionEngine,
    private readonly readModels: ReadModels,
    private readonly tickets: TicketCommandRunner,
    private readonly users: UserAccounts,
    private readonly agents: AgentCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly inFlight: InFlightRequests,
  ) {}

  onModuleInit(): void {
    const m = this.metrics;
    const command = (typeOf: (args: unknown[]) => string) => (args: unknown[], seconds: number, result: unknown, error: unknown) => m.observeCommand(typeOf(args), commandOutcome(result, error), seconds);
    const typeArg = (index: number) => (args: unknown[]) => (args[index] as { type?: string } | undefined)?.type ?? 'unknown';
    measure(this.tickets, 'submit', command(() => 'SubmitTicket'));
    measure(this.tickets, 'execute', command(typeArg(1)));
    measure(this.users, 'register', command(() => 'RegisterUser'));
    measure(this.users, 'execute', command(typeArg(1)));
    measure(this.agents, 'execute', command(typeArg(1)));
    measure(this.events, 'append', (_args, seconds, _result, error) => m.observeAppend(error === undefined ? 'ok' : error instanceof WrongExpectedRevisionError ? 'conflict' : 'error', seconds));

    m.gauge('helpdesk_projection_checkpoint_position', 'Global position each projection has applied', ['projection'], async (set) => {
      for (const p of await this.engine.status()) set({ projection: p.name }, Number(p.checkpoint ?? 0));
    });
    m.gauge('helpdesk_projection_positions_behind', 'Positions between the event store head and each projection', ['projection'], async (set) => {
      for (const p of await this.engine.status()) set({ projection: p.name }, Number(p.positionsBehind));
    });
    m.gauge('helpdesk_projection_seconds_behind', 'Age of the oldest event each projection has not applied (0 when caught up)', ['projection'], async (set) => {
      for (const p of await this.engine.status()) set({ projection: p.name }, p.secondsBehind);
    });
    m.gauge('helpdesk_projection_dead_letters', 'Events each projection dead-lettered', ['projection'], async (set) => {
      for (const p of await this.engine.status()) set({ projection: p.name }, p.deadLetters);
    });
    m.gauge('helpdesk_http_requests_in_flight', 'HTTP requests being served now', [], async (set) => set({}, this.inFlight.size));
    m.gauge('helpdesk_event_store_head_position', 'Global position of the last committed event', [], async (set) => set({}, Number(await this.events.headPosition())));
    m.gauge('helpdesk_sla_watch_next_due_timestamp_seconds', 'When the SLA watch next has something fall due (earliest open deadline), Unix seconds', [], async (set) => {
      const due = await this.nextSlaDue();
      if (due) set({}, due.getTime() / 1000);
    });
    m.gauge('helpdesk_sla_watch_next_due_seconds', 'Seconds until the earliest open SLA deadline (negative: overdue, not yet recorded)', [], async (set) => {
      const due = await this.nextSlaDue();
      if (due) set({}, (due.getTime() - this.clock.now().getTime()) / 1000);
    });
    // The outbox's backlog from its read model, while the outbox does not register a reader itself.
    m.registerOutboxBacklog(async () => {
      if (!(await this.store.collection(REGISTRY_COLLECTION).findOne({ _id: NOTIFICATIONS }))) return null;
      return (await this.readModels.collection(NOTIFICATIONS)).count({ status: 'pending' });
    });
  }

  private async nextSlaDue(): Promise<Date | null> {
    const tickets = await this.readModels.collection<TicketView>(TICKETS);
    const [next] = await tickets.find({ open: true, slaNextAt: { $ne: null } }, { sort: { slaNextAt: 1 }, limit: 1 });
    return next?.slaNextAt ? new Date(next.slaNextAt) : null;
  }
}
