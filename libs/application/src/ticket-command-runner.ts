import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CurrentRevision, EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { Clock } from '@helpdesk/shared';
import { Actor, ActorScope, canReach, decide, fold, illegal, notFound, Ticket, TicketCommand, TicketEvent, ticketReach, ticketStreamId } from '@helpdesk/ticketing';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';
import { requestHash } from './request-hash';
import { toEventsToAppend, toTicketEvent } from './ticket-event-codec';
import { TicketNumberAllocator } from './ticket-number-allocator';

/** Who asks, and how: everything about a command that is not the command itself. */
export interface CommandEnvelope {
  /** The authenticated principal as events record it. */
  actor: Actor;
  /** What of the principal's account decides which tickets they can reach (email, teams). */
  scope: ActorScope;
  correlationId: string;
  /** Id of the message that caused this command (defaults to a fresh command id). */
  causationId?: string;
  /** If-Match: the revision the client saw. Without it, conflicts are retried internally. */
  expectedRevision?: number;
  idempotencyKey?: string;
  /** What identifies the request for Idempotency-Key reuse detection (route and body). */
  request?: unknown;
  /** Recorded with the events, e.g. the SLA policy in force at submission. */
  metadata?: Record<string, unknown>;
}

export interface CommandResult {
  id: string;
  number: string;
  revision: number;
  position: Position;
  /** True when this answered a retry of an already applied command. */
  replayed: boolean;
}

export interface RunnerOptions {
  autoCloseAfterDays: number;
  /** Days after a resolution during which the customer may change their rating. */
  satisfactionChangeableDays?: number;
  maxConflictRetries?: number;
}

type SubmitData = Omit<Extract<TicketCommand, { type: 'SubmitTicket' }>['data'], 'ticketId' | 'number'>;

// Namespace for ticket ids derived from (actor, Idempotency-Key): a retried submission lands on the same stream.
const SUBMISSION_NAMESPACE = '5b0f4d57-8e0a-4f0a-9a53-7f3c1f6c2d11';

/** The id a submission with this Idempotency-Key gets, known before it runs (the mail channel records it first). */
export function submissionTicketId(actorId: string, idempotencyKey: string): string {
  return uuidv5(`${actorId}\u0000${idempotencyKey}`, SUBMISSION_NAMESPACE);
}

/**
 * Load, fold, decide, append: the whole write path for tickets, shared by every command handler
 * and reactor. Idempotency keys are stored in event metadata, so a retry finds them in the
 * stream it has to read anyway, atomically with the events they guard.
 */
export class TicketCommandRunner {
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    private readonly numbers: TicketNumberAllocator,
    private readonly clock: Clock,
    private readonly options: RunnerOptions,
  ) {
    this.maxRetries = options.maxConflictRetries ?? 10;
  }

  submit(data: SubmitData, envelope: CommandEnvelope): Promise<CommandResult> {
    const ticketId = envelope.idempotencyKey ? submissionTicketId(envelope.actor.id, envelope.idempotencyKey) : randomUUID();
    // The number is allocated once, however often a conflict makes the submission run again.
    let submission: Promise<TicketCommand[]> | undefined;
    return this.run(ticketId, () => (submission ??= this.numbers.next().then((number) => [{ type: 'SubmitTicket', data: { ...data, ticketId, number } }])), envelope);
  }

  execute(ticketId: string, command: Exclude<TicketCommand, { type: 'SubmitTicket' }>, envelope: CommandEnvelope): Promise<CommandResult> {
    return this.run(ticketId, async () => [command], envelope);
  }

  /**
   * Several commands as one change: `plan` says what to do given the ticket as it is now (asked
   * again after a conflict), each command is decided on the state the ones before it left, and
   * all their events are appended together, or none (a macro's reply and field changes).
   */
  executeAll(ticketId: string, plan: (ticket: Ticket) => Exclude<TicketCommand, { type: 'SubmitTicket' }>[], envelope: CommandEnvelope): Promise<CommandResult> {
    return this.run(ticketId, async (state) => (state ? plan(state) : []), envelope);
  }

  private async run(ticketId: string, commandsFor: (state: Ticket | null) => Promise<TicketCommand[]>, envelope: CommandEnvelope): Promise<CommandResult> {
    const streamId = ticketStreamId(ticketId);
    const hash = envelope.idempotencyKey ? requestHash(envelope.request ?? null) : undefined;

    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const current: CurrentRevision = stored.length ? stored[stored.length - 1].revision : 'no_stream';
      const state = fold(stored.map(toTicketEvent));
      // Before anything else answers (a replayed result included): a ticket out of reach is unknown.
      if (state && !canReach(ticketReach(envelope.actor, envelope.scope), state)) throw notFound(ticketId);

      if (envelope.idempotencyKey) {
        const earlier = stored.filter((e) => e.metadata.idempotencyKey === envelope.idempotencyKey);
        if (earlier.length) {
          const sameActor = (earlier[0].metadata.actor as Actor | undefined)?.id === envelope.actor.id;
          if (!sameActor || earlier[0].metadata.requestHash !== hash) throw new IdempotencyKeyReusedError(envelope.idempotencyKey);
          return resultOf(ticketId, stored, earlier[earlier.length - 1], true);
        }
      }

      const commands = await commandsFor(state);
      if (!state && commands[0]?.type !== 'SubmitTicket') throw notFound(ticketId);
      if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) {
        throw new ConcurrencyConflictError(ticketId, current);
      }

      const now = this.clock.now();
      const ctx = { actor: envelope.actor, scope: envelope.scope, now, autoCloseAfterDays: this.options.autoCloseAfterDays, satisfactionChangeableDays: this.options.satisfactionChangeableDays };
      const events: TicketEvent[] = [];
      let next = state;
      for (const command of commands) {
        const decided = decide(command, next, ctx);
        events.push(...decided);
        next = fold(decided.map((e) => ({ ...e, occurredAt: now.toISOString() })), next);
      }
      if (events.length === 0) throw illegal(`Nothing to do: ticket ${state?.number ?? ticketId} already is as asked.`);
      const toAppend = toEventsToAppend(events, {
        ...envelope.metadata,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? randomUUID(),
        actor: envelope.actor,
        occurredAt: now.toISOString(),
        ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey, requestHash: hash } : {}),
      });

      try {
        const result = await this.store.append(streamId, toAppend, current);
        const number = next?.number ?? '';
        return { id: ticketId, number, revision: result.nextRevision, position: result.position, replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (envelope.expectedRevision !== undefined) throw new ConcurrencyConflictError(ticketId, error.actual);
        if (attempt >= this.maxRetries) {
          throw new ConcurrencyConflictError(ticketId, error.actual, `Ticket ${ticketId} is changing too fast; try again.`);
        }
      }
    }
  }
}

function resultOf(ticketId: string, stream: StoredEvent[], last: StoredEvent, replayed: boolean): CommandResult {
  const number = String((stream[0]?.data as { number?: string }).number ?? '');
  return { id: ticketId, number, revision: last.revision, position: last.position, replayed };
}
