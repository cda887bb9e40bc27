import { Actor } from '../actor';
import { decide, DecisionContext } from '../decide';
import { DatedTicketEvent, fold } from '../evolve';
import { TicketCommand } from '../ticket-commands';
import { TicketEvent } from '../ticket-events';
import { TicketErrorCode, TicketError } from '../ticket-error';

/** given(events).when(command, actor).then(events) | .thenFails(code, message?) */
export function given(...history: Array<TicketEvent & { occurredAt?: string }>) {
  const dated: DatedTicketEvent[] = history.map((e) => ({ occurredAt: '2026-01-05T06:00:00.000Z', ...e }) as DatedTicketEvent);
  return {
    when(command: TicketCommand, actor: Actor, options: Partial<Omit<DecisionContext, 'actor'>> = {}) {
      const scope = { email: 'ayesha@example.pk', teams: [] };
      const ctx: DecisionContext = { actor, scope, now: new Date('2026-01-05T07:00:00.000Z'), autoCloseAfterDays: 7, ...options };
      const run = () => decide(command, fold(dated), ctx);
      return {
        then(expected: TicketEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: TicketErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(TicketError);
          expect((error as TicketError).code).toBe(code);
          if (message) expect((error as TicketError).message).toMatch(message);
        },
      };
    },
  };
}
