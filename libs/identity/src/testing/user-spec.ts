import { Actor } from '@helpdesk/ticketing';
import { decideUser, UserDecisionContext } from '../decide';
import { DatedUserEvent, foldUser } from '../evolve';
import { IdentityError, IdentityErrorCode } from '../identity-error';
import { UserCommand } from '../user-commands';
import { UserEvent } from '../user-events';

/** given(events).when(command, actor).then(events) | .thenFails(code, message?) */
export function given(...history: Array<UserEvent & { occurredAt?: string }>) {
  const dated = history.map((e) => ({ occurredAt: '2026-01-05T06:00:00.000Z', ...e }) as DatedUserEvent);
  return {
    when(command: UserCommand, actor: Actor, options: Partial<Omit<UserDecisionContext, 'actor'>> = {}) {
      const run = () => decideUser(command, foldUser(dated), { actor, now: new Date('2026-01-05T07:00:00.000Z'), ...options });
      return {
        then(expected: UserEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: IdentityErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(IdentityError);
          expect((error as IdentityError).code).toBe(code);
          if (message) expect((error as IdentityError).message).toMatch(message);
        },
      };
    },
  };
}
