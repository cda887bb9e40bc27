import { Actor } from '@helpdesk/ticketing';
import { decideMail } from '../decide';
import { foldMail } from '../evolve';
import { MailCommand } from '../mail-commands';
import { MailErrorCode, MailError } from '../mail-error';
import { MailEvent } from '../mail-events';

export const MAIL_ACTOR: Actor = { id: 'mail', role: 'system' };

/** given(events).when(command, actor?).then(events) | .thenFails(code, message?) */
export function given(...history: MailEvent[]) {
  return {
    when(command: MailCommand, actor: Actor = MAIL_ACTOR) {
      const run = () => decideMail(command, foldMail(history), actor);
      return {
        then(expected: MailEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: MailErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(MailError);
          expect((error as MailError).code).toBe(code);
          if (message) expect((error as MailError).message).toMatch(message);
        },
      };
    },
  };
}
