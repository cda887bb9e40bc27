import { StoredEvent } from '@helpdesk/event-store';
import { padPosition, Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';
import { queueProjection, QueueItem, ticketsProjection, TicketView } from '@helpdesk/projections';
import { formatTicketNumber, ticketStreamId } from '@helpdesk/ticketing';
import { agentId, customerEmail, LifeOptions, rng, ticketLife, ticketUuid } from './ticket-lives';

/**
 * `tickets` and `queue` documents exactly as the projections write them: each ticket's life is
 * decided by the real decider and folded by the projections' own `apply`, through a unit of work
 * that only captures what would be written.
 */
export interface TicketDocuments {
  ticket: TicketView;
  queue: QueueItem;
}

/** The part of ProjectionUnitOfWork that the tickets and queue projections call. */
class CapturingUnitOfWork {
  readonly docs = new Map<string, Doc | null>();

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    return (this.docs.get(`${collection}/${id}`) as T | undefined) ?? null;
  }

  async update<T extends Doc>(collection: string, id: string, event: StoredEvent, change: (doc: T | null) => T | null | undefined): Promise<void> {
    const key = `${collection}/${id}`;
    const next = change((this.docs.get(key) as T | undefined) ?? null);
    if (next === undefined) return;
    // The projections return a fresh object on every change, so stamping it in place is safe.
    if (next !== null) Object.assign(next, { _id: id, _position: padPosition(event.position) });
    this.docs.set(key, next);
  }
}

/**
 * Makes the documents of ticket `i` of `options.total`. Running the decider and projections for a
 * million tickets would take minutes, so `templates` real lives are projected once and each
 * ticket reuses one with its own identity: id, number, customer, assignee, and every timestamp
 * shifted to the ticket's place in the history. Shapes, statuses and orderings stay the
 * projections' own; indexed fields get realistic cardinalities.
 */
export class TicketDocumentFactory {
  private readonly projections: Projection[] = [ticketsProjection(), queueProjection()];
  private readonly templates: TicketDocuments[] = [];
  private readonly templateOptions: LifeOptions;
  private position = 0n;

  constructor(
    private readonly options: LifeOptions,
    templates = 5000,
  ) {
    this.templateOptions = { ...options, total: Math.min(templates, options.total) };
  }

  async make(i: number): Promise<TicketDocuments> {
    const k = this.templateOptions.total;
    if (this.options.total <= k) return this.project(i);
    const t = i % k;
    const template = this.templates[t] ?? (this.templates[t] = await this.project(t));
    const spanMs = this.options.spanDays * 86_400_000;
    const shift = Math.round(spanMs * (i / this.options.total - t / k));
    return disguise(template, i, shift, this.options);
  }

  /** The real thing: ticket `i`'s life through the decider and both projections. */
  private async project(i: number): Promise<TicketDocuments> {
    const life = ticketLife(i, this.templateOptions);
    const uow = new CapturingUnitOfWork();
    const streamId = ticketStreamId(life.ticketId);
    let revision = 0;
    for (const step of life.steps) {
      for (const event of step.events) {
        const stored: StoredEvent = {
          id: `${life.ticketId.slice(0, 8)}-${revision}`,
          streamId,
          revision,
          position: this.position++,
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { actor: step.actor, occurredAt: step.occurredAt, schemaVersion: 1 },
          recordedAt: new Date(step.occurredAt),
        };
        for (const projection of this.projections) await projection.apply(stored, uow as unknown as ProjectionUnitOfWork);
        revision++;
      }
    }
    return {
      ticket: uow.docs.get(`tickets/${life.ticketId}`) as TicketView,
      queue: uow.docs.get(`queue/${life.ticketId}`) as QueueItem,
    };
  }
}

const TIME_FIELDS = [
  'submittedAt',
  'updatedAt',
  'assignedAt',
  'acknowledgedAt',
  'firstResponseAt',
  'resolvedAt',
  'confirmedAt',
  'closedAt',
  'firstResponseDueAt',
  'resolutionDueAt',
  'dueAt',
] as const;

function shifted<T extends Record<string, unknown>>(doc: T, shift: number): T {
  const out: Record<string, unknown> = { ...doc };
  for (const field of TIME_FIELDS) {
    const value = out[field];
    if (typeof value === 'string') out[field] = new Date(Date.parse(value) + shift).toISOString();
  }
  return out as T;
}

/** A template ticket as ticket `i`: same life, its own identity and time. */
function disguise(template: TicketDocuments, i: number, shift: number, options: LifeOptions): TicketDocuments {
  const r = rng(i * 7 + 3);
  const _id = ticketUuid(i);
  const number = formatTicketNumber(i + 1);
  const customerN = Math.floor(r() * options.customers);
  const customer = { ...template.ticket.customer, name: `Customer ${customerN}`, email: customerEmail(customerN) };
  const assigneeId = template.ticket.assigneeId === null ? null : agentId(Math.floor(r() * options.agents));
  const identity = { _id, number, customer, assigneeId };
  const ticket = shifted({ ...template.ticket, ...identity }, shift);
  ticket.comments = template.ticket.comments.map((c) => ({
    ...c,
    actorId: c.author === 'agent' ? (assigneeId ?? c.actorId) : `cust-${customerN}`,
    at: new Date(Date.parse(c.at) + shift).toISOString(),
  }));
  const queue = shifted({ ...template.queue, ...identity, customerName: customer.name }, shift);
  return { ticket, queue };
}
