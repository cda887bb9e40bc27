import { createHash, randomUUID } from 'node:crypto';
import { CurrentRevision, EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './command-errors';

export interface StreamEnvelope {
  actor: Actor;
  correlationId: string;
  expectedRevision?: number;
  idempotencyKey?: string;
  /** Hashed with the key: a key reused for another request is refused. */
  request?: unknown;
}

export interface StreamResult<S> {
  id: string;
  revision: number;
  position: Position | null;
  appended: string[];
  replayed: boolean;
  state: S;
}

/**
 * What a stream's decider makes of it: the state now, the events to record (decided only when the
 * command is not a retry the stream already records), and the state after them.
 */
export interface StreamDecision<S, E> {
  state: S;
  decide: () => E[];
  fold: (events: E[]) => S;
}

const MAX_RETRIES = 10;

/**
 * Load, decide, append with the expected revision, for a stream of any domain but tickets (which
 * have their own runner): articles, suggestion sessions, macros. An Idempotency-Key replays the
 * first answer; a conflict without If-Match is decided again on the new state.
 */
export class StreamCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async run<S, E extends { type: string; data: unknown }>(streamId: string, id: string, envelope: StreamEnvelope, decide: (stored: StoredEvent[]) => StreamDecision<S, E>): Promise<StreamResult<S>> {
    // The hash articles have always recorded with their keys (so their replays still match).
    const hash = envelope.idempotencyKey ? createHash('sha256').update(JSON.stringify(envelope.request ?? null)).digest('hex') : undefined;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const current: CurrentRevision = stored.length ? stored[stored.length - 1].revision : 'no_stream';
      const decision = decide(stored);
      if (envelope.idempotencyKey) {
        const earlier = stored.filter((e) => e.metadata.idempotencyKey === envelope.idempotencyKey);
        if (earlier.length) {
          if ((earlier[0].metadata.actor as Actor | undefined)?.id !== envelope.actor.id || earlier[0].metadata.requestHash !== hash) throw new IdempotencyKeyReusedError(envelope.idempotencyKey);
          const last = earlier[earlier.length - 1];
          return { id, revision: last.revision, position: last.position, appended: [], replayed: true, state: decision.state };
        }
      }
      if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) throw new ConcurrencyConflictError(id, current, `${id} has changed: it is now at revision ${String(current)}. Reload it and try again.`);
      const events = decision.decide();
      if (events.length === 0) return { id, revision: current === 'no_stream' ? -1 : current, position: null, appended: [], replayed: false, state: decision.state };
      const now = this.clock.now().toISOString();
      const toAppend = events.map((event) => {
        const eventId = randomUUID();
        return {
          id: eventId,
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: {
            eventId,
            correlationId: envelope.correlationId,
            causationId: randomUUID(),
            actor: envelope.actor,
            occurredAt: now,
            schemaVersion: 1,
            ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey, requestHash: hash } : {}),
          },
        };
      });
      try {
        const result = await this.store.append(streamId, toAppend, current);
        return { id, revision: result.nextRevision, position: result.position, appended: events.map((e) => e.type), replayed: false, state: decision.fold(events) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (envelope.expectedRevision !== undefined) throw new ConcurrencyConflictError(id, error.actual, `${id} has changed: it is now at revision ${String(error.actual)}. Reload it and try again.`);
        if (attempt >= MAX_RETRIES) throw new ConcurrencyConflictError(id, error.actual, `${id} is changing too fast; try again.`);
      }
    }
  }
}
