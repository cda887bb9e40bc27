import type { Actor } from '@helpdesk/ticketing';
import { AgentCommand } from '../agent-commands';
import { AgentError, AgentErrorCode } from '../agent-error';
import { AgentEvent } from '../agent-events';
import { decideAgent } from '../decide-agent';
import { foldAgent } from '../evolve-agent';

/** given(events).when(command, actor).then(events) | .thenFails(code, message?) */
export function given(...history: AgentEvent[]) {
  return {
    when(command: AgentCommand, actor: Actor) {
      const run = () => decideAgent(command, foldAgent(history), { actor });
      return {
        then(expected: AgentEvent[]) {
          expect(run()).toEqual(expected);
        },
        thenFails(code: AgentErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(AgentError);
          expect((error as AgentError).code).toBe(code);
          if (message) expect((error as AgentError).message).toMatch(message);
        },
      };
    },
  };
}
