import { decideNotification, NotificationContext } from '../decide-notification';
import { foldNotification } from '../evolve-notification';
import { NotificationCommand } from '../notification-commands';
import { NotificationError, NotificationErrorCode } from '../notification-error';
import { NotificationEvent } from '../notification-events';
import { DEFAULT_RETRY_POLICY } from '../retry-schedule';

/** given(events).when(command).then(events) | .thenFails(code) for the notification decider. */
export function given(...history: Array<NotificationEvent & { occurredAt?: string }>) {
  const dated = history.map((e) => ({ occurredAt: '2026-01-05T06:00:00.000Z', ...e }));
  return {
    when(command: NotificationCommand, options: Partial<NotificationContext> = {}) {
      const ctx: NotificationContext = { now: new Date('2026-01-05T07:00:00.000Z'), retry: DEFAULT_RETRY_POLICY, ...options };
      const run = () => decideNotification(command, foldNotification(dated), ctx);
      return {
        then(expected: NotificationEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: NotificationErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(NotificationError);
          expect((error as NotificationError).code).toBe(code);
          if (message) expect((error as NotificationError).message).toMatch(message);
        },
      };
    },
  };
}
