import { CurrentRevision } from '@helpdesk/event-store';

/** The ticket moved on since the revision the client saw (If-Match), or contention never settled. */
export class ConcurrencyConflictError extends Error {
  override readonly name = 'ConcurrencyConflictError';
  constructor(
    readonly ticketId: string,
    readonly currentRevision: CurrentRevision,
    message = `Ticket ${ticketId} has changed: it is now at revision ${String(currentRevision)}. Reload it and try again.`,
  ) {
    super(message);
  }
}

/** An Idempotency-Key reused for a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used for a different request.`);
  }
}
