import { Actor } from './actor';

/** Recorded with every event, on every stream. */
export interface EventMetadata {
  eventId: string;
  /** The request (or process) this event belongs to, across commands and services. */
  correlationId: string;
  /** The message that directly caused this event: the command's id, or the triggering event's id. */
  causationId: string;
  actor: Actor;
  /** Business time it happened, UTC ISO-8601. */
  occurredAt: string;
  schemaVersion: number;
  /** Present when the command carried an Idempotency-Key: retries find it and append nothing. */
  idempotencyKey?: string;
  /** On TicketSubmitted: the SLA policy (id, version) the ticket's clock runs on for its whole life. */
  slaPolicy?: { id: string; version: number };
  requestHash?: string;
}
