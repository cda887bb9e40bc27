import { decideVerification } from '../decide-verification';
import { DEFAULT_VERIFICATION_POLICY, VerificationCommand, VerificationPolicy } from '../verification-commands';
import { VerificationError, VerificationErrorCode } from '../verification-error';
import { DatedVerificationEvent, VerificationEvent } from '../verification-events';
import { foldVerification } from '../verification-state';

export const NOW = new Date('2026-01-05T07:00:00.000Z');

/** given(events).when(command, { now?, policy? }).then(events) | .thenFails(code, message?) */
export function given(...history: Array<VerificationEvent & { occurredAt?: string }>) {
  const dated = history.map((e) => ({ occurredAt: '2026-01-05T06:55:00.000Z', ...e }) as DatedVerificationEvent);
  return {
    when(command: VerificationCommand, options: { now?: Date; policy?: Partial<VerificationPolicy> } = {}) {
      const run = () => decideVerification(command, foldVerification(dated), { now: options.now ?? NOW, policy: { ...DEFAULT_VERIFICATION_POLICY, ...options.policy } });
      return {
        then(expected: VerificationEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: VerificationErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(VerificationError);
          expect((error as VerificationError).code).toBe(code);
          if (message) expect((error as VerificationError).message).toMatch(message);
          return error as VerificationError;
        },
      };
    },
  };
}
