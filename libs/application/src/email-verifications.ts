import { randomUUID } from 'node:crypto';
import { EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import {
  decideVerification,
  DatedVerificationEvent,
  foldVerification,
  VERIFICATION_STREAM_PREFIX,
  VerificationCommand,
  VerificationEvent,
  VerificationPolicy,
  VerificationState,
} from '@helpdesk/identity';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';

export interface VerificationEnvelope {
  actor: Actor;
  correlationId: string;
}

export interface VerificationResult {
  /** What this command recorded. */
  events: VerificationEvent[];
  /** The address's state after it. */
  state: VerificationState | null;
  position: Position;
}

const MAX_CONFLICT_RETRIES = 10;

export const toVerificationEvent = (stored: StoredEvent): DatedVerificationEvent =>
  ({ type: stored.type, data: stored.data, occurredAt: (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString() }) as DatedVerificationEvent;

/**
 * Load, fold, decide, append for an address's verification stream (`verification-<key>`), with
 * the expected revision: of two requests or proofs racing on one address exactly one is decided
 * on what the other wrote, so a link or code is used once even across processes.
 */
export class EmailVerifications {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    readonly policy: VerificationPolicy,
  ) {}

  async load(emailKey: string): Promise<{ state: VerificationState | null; revision: number | 'no_stream' }> {
    const stored = await this.store.readStream(`${VERIFICATION_STREAM_PREFIX}${emailKey}`);
    return { state: foldVerification(stored.map(toVerificationEvent)), revision: stored.length ? stored[stored.length - 1].revision : 'no_stream' };
  }

  async execute(emailKey: string, command: VerificationCommand, envelope: VerificationEnvelope): Promise<VerificationResult> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(emailKey);
      const now = this.clock.now();
      const events = decideVerification(command, state, { now, policy: this.policy });
      const occurredAt = now.toISOString();
      const toAppend = events.map((event) => {
        const eventId = randomUUID();
        return { id: eventId, type: event.type, data: event.data as Record<string, unknown>, metadata: { eventId, correlationId: envelope.correlationId, causationId: randomUUID(), actor: envelope.actor, occurredAt, schemaVersion: 1 } };
      });
      try {
        const result = await this.store.append(`${VERIFICATION_STREAM_PREFIX}${emailKey}`, toAppend, revision);
        return { events, state: foldVerification(events.map((e) => ({ ...e, occurredAt }) as DatedVerificationEvent), state), position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}
