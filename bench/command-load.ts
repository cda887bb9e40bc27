import { randomUUID } from 'node:crypto';
import { TicketCommandRunner } from '@helpdesk/application';
import { now } from './stats';
import { DEFAULT_LIFE, ticketSteps } from './ticket-lives';

export interface LoadResult {
  commands: number;
  failures: number;
  seconds: number;
  firstError?: string;
}

/**
 * Sustained, paced command load through the real command runner: `lanes` workers each take
 * tickets through whole lives (submit, assign, start, comment, wait, resolve, confirm, close),
 * and every command waits for its slot in a fixed-rate schedule of `rate` commands/s.
 */
export async function runCommandLoad(runner: TicketCommandRunner, options: { rate: number; seconds: number; lanes: number }): Promise<LoadResult> {
  const life = { ...DEFAULT_LIFE, openShare: 0, total: Math.ceil((options.rate * options.seconds) / 8) + 1 };
  const start = now();
  const end = start + options.seconds * 1000;
  const interval = 1000 / options.rate;
  let issued = 0;
  let nextTicket = 0;
  const result: LoadResult = { commands: 0, failures: 0, seconds: 0 };

  /** Waits for the next slot of the schedule; false once the run is over. */
  const slot = async (): Promise<boolean> => {
    const at = start + issued++ * interval;
    if (at >= end || now() >= end) return false; // behind schedule at the end: stop anyway
    const wait = at - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return true;
  };

  const lane = async () => {
    for (;;) {
      const { steps } = ticketSteps(nextTicket++, life);
      let id = '';
      for (const step of steps) {
        if (!(await slot())) return;
        const envelope = { actor: step.actor, scope: step.scope, correlationId: randomUUID() };
        try {
          if (step.command.type === 'SubmitTicket') {
            const { ticketId: _ticketId, number: _number, ...data } = step.command.data;
            id = (await runner.submit(data, envelope)).id;
          } else {
            await runner.execute(id, step.command, envelope);
          }
          result.commands++;
        } catch (error) {
          result.failures++;
          result.firstError ??= error instanceof Error ? error.message : String(error);
          break; // this ticket's life cannot go on; start another
        }
      }
    }
  };

  await Promise.all(Array.from({ length: options.lanes }, lane));
  result.seconds = (now() - start) / 1000;
  return result;
}
