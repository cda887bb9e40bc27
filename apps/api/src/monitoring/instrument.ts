import { WrongExpectedRevisionError } from '@helpdesk/event-store';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@helpdesk/application';
import { TicketError } from '@helpdesk/ticketing';
import { IdentityError } from '@helpdesk/identity';
import { AgentError } from '@helpdesk/routing';
import { CommandOutcome } from './helpdesk-metrics';

/**
 * Replaces `target[method]` by a version that reports how long each call took and how it ended.
 * Used on the app's own singletons (command runners, the event store) so every caller, HTTP or
 * reactor, is measured without touching the domain code.
 */
export function measure<T extends object, K extends keyof T>(target: T, method: K, report: (args: unknown[], seconds: number, result: unknown, error: unknown) => void): void {
  const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  const measured = async function (this: T, ...args: unknown[]) {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await original.apply(this, args);
      report(args, elapsed(), result, undefined);
      return result;
    } catch (error) {
      report(args, elapsed(), undefined, error);
      throw error;
    }
  };
  (target as Record<K, unknown>)[method] = measured;
}

/** A command's outcome: conflicts, refusals by the domain (4xx), and faults (5xx) apart. */
export function commandOutcome(result: unknown, error: unknown): CommandOutcome {
  if (error === undefined) return (result as { replayed?: boolean } | undefined)?.replayed ? 'replayed' : 'ok';
  if (error instanceof ConcurrencyConflictError || error instanceof WrongExpectedRevisionError) return 'conflict';
  if (error instanceof IdempotencyKeyReusedError) return 'rejected';
  if (error instanceof TicketError || error instanceof IdentityError || error instanceof AgentError) return 'rejected';
  return 'error';
}
