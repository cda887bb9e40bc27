import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';

// gRPC status codes that mean "try again": DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE.
const TRANSIENT_GRPC_CODES = new Set([4, 10, 14]);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True for failures of the connection rather than of the request: worth a retry. */
export function isTransient(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') return TRANSIENT_GRPC_CODES.has(code);
  if (typeof code === 'string') return TRANSIENT_SOCKET_CODES.has(code);
  // Cluster discovery ("Failed to discover after N attempts") throws plain errors.
  return /failed to discover/i.test(String((error as { message?: unknown }).message ?? ''));
}

/**
 * Our error for a failed call: connection trouble and refusals become EventStoreUnavailableError;
 * anything else (a bug, a deleted stream, an oversized append) passes through unchanged.
 */
export function translateError(message: string, error: unknown): Error {
  if (error instanceof EventStoreUnavailableError) return error;
  if (isTransient(error) || error instanceof AccessDeniedError) {
    const detail = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(`${message}: ${detail || (error as Error).constructor.name}`, error);
  }
  return error instanceof Error ? error : new Error(`${message}: ${String(error)}`);
}
