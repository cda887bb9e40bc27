import { Logger } from '@nestjs/common';
import { Position, StoredEvent } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, AUDIT_TRAIL, AUTOMATION_RULES, MACROS, QUEUE, QueueItem, SLA_BREACHES, TICKETS, USERS, WORKLOAD } from '@helpdesk/projections';
import { LiveFact, LiveKind, PendingFact, pendingFact } from './live-facts';

/**
 * The read models a message of each kind sends screens to: it goes out once they have applied
 * its event, so the reload it prompts reads the change. Tickets: the ticket, the queue and its
 * counts, and what the dashboards and audit screens read of tickets.
 */
const READ_BY: Record<LiveKind, string[]> = {
  ticket: [TICKETS, QUEUE, SLA_BREACHES, WORKLOAD, AUDIT_TRAIL, 'metrics'],
  rules: [AUTOMATION_RULES],
  agents: [AGENTS],
  users: [USERS],
  macros: [MACROS],
};

/** Turns events of the feed into live facts, reading who may hear of each ticket from the read side. */
export class LiveFactReader {
  private readonly logger = new Logger('Live');
  private readonly known: Set<string>;

  constructor(
    private readonly engine: ProjectionEngine,
    private readonly readModels: ReadModels,
    private readonly stopped: () => boolean,
  ) {
    this.known = new Set(engine.projections.map((p) => p.name));
  }

  /**
   * The batch's facts. With `wait`, first until the read models of the kinds in it have applied
   * its last event (however long that takes: a message sent earlier would prompt a reload that
   * misses the change); a replay reads what the feed already waited for.
   */
  async facts(events: StoredEvent[], options: { wait: boolean }): Promise<LiveFact[]> {
    const pending = events.map(pendingFact).filter((f): f is PendingFact => f !== null);
    if (pending.length === 0) return [];
    if (options.wait) await this.applied(pending[pending.length - 1].position, new Set(pending.map((f) => f.kind)));
    const ids = [...new Set(pending.filter((f) => f.kind === 'ticket').map((f) => f.subjectId))];
    const views = new Map<string, QueueItem>();
    if (ids.length > 0) {
      const queue = await this.readModels.collection<QueueItem>(QUEUE);
      for (const item of await queue.find({ _id: { $in: ids } })) views.set(item._id, item);
    }
    return pending.map((fact): LiveFact => {
      if (!fact.ticket) return fact as LiveFact;
      const view = views.get(fact.subjectId);
      return {
        ...fact,
        ticket: {
          ...fact.ticket,
          number: view?.number ?? fact.ticket.number,
          customerEmail: view ? view.customer.email : null,
          assigneeId: view?.assigneeId ?? null,
          team: view?.team ?? null,
        },
      };
    });
  }

  /** Until the read models of `kinds` (all by default) have applied `position`, or the feed stops. */
  async applied(position: Position, kinds: Iterable<LiveKind> = Object.keys(READ_BY) as LiveKind[]): Promise<void> {
    const names = [...new Set([...kinds].flatMap((k) => READ_BY[k]))].filter((n) => this.known.has(n));
    const since = Date.now();
    let warned = since;
    while (!this.stopped()) {
      if (await this.engine.waitFor(position, names, 5000)) return;
      if (Date.now() - warned >= 30_000) {
        warned = Date.now();
        this.logger.warn(`live messages wait for the read models (${names.join(', ')}) to reach position ${position}: ${Math.round((warned - since) / 1000)} s so far`);
      }
    }
  }
}
