import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a command ended, as the metrics count it. */
export type CommandOutcome = 'ok' | 'replayed' | 'conflict' | 'rejected' | 'error';

/** Reads the notifications outbox's backlog (pending notifications); null when there is no outbox. */
export type OutboxBacklogSource = () => Promise<number | null>;

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The app's Prometheus metrics, in a registry of its own (not prom-client's global one), so two
 * apps in one process (parallel tests) never share or collide. Gauges that describe stored state
 * (projection lag, dead letters, the SLA watch's next deadline, the outbox) are read at scrape
 * time by the collectors added with `gauge`.
 */
export class HelpdeskMetrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({ name: 'helpdesk_commands_total', help: 'Commands run, by type and outcome', labelNames: ['type', 'outcome'], registers: [this.registry] });
  private readonly commandSeconds = new Histogram({ name: 'helpdesk_command_duration_seconds', help: 'Command latency (load, decide, append), by type and outcome', labelNames: ['type', 'outcome'], buckets: SECONDS, registers: [this.registry] });
  private readonly appendSeconds = new Histogram({ name: 'helpdesk_event_store_append_duration_seconds', help: 'Event store append latency, by outcome', labelNames: ['outcome'], buckets: SECONDS, registers: [this.registry] });
  private readonly httpSeconds = new Histogram({ name: 'helpdesk_http_request_duration_seconds', help: 'HTTP requests, by method, route pattern and status', labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers: [this.registry] });
  private outbox: OutboxBacklogSource = async () => null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'helpdesk_' });
    this.gauge('helpdesk_outbox_backlog', 'Notifications waiting to be sent (the outbox), when the outbox runs', [], async (set) => {
      const backlog = await this.outbox();
      if (backlog !== null) set({}, backlog);
    });
  }

  observeCommand(type: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ type, outcome });
    this.commandSeconds.observe({ type, outcome }, seconds);
  }

  observeAppend(outcome: 'ok' | 'conflict' | 'error', seconds: number): void {
    this.appendSeconds.observe({ outcome }, seconds);
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpSeconds.observe({ method, route, status: String(status) }, seconds);
  }

  /** The hook the notifications outbox calls to report its backlog (replaces the default reader). */
  registerOutboxBacklog(source: OutboxBacklogSource): void {
    this.outbox = source;
  }

  /** A gauge read when scraped: `read` sets its values (a failed read leaves it empty for that scrape). */
  gauge(name: string, help: string, labelNames: string[], read: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await read((labels, value) => this.set(labels, value)).catch(() => undefined);
      },
    });
  }

  /** The text exposition format. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
