import { Response } from 'express';
import { CommandResult } from '@helpdesk/application';

/** What a command answers: the ticket's new revision and the global position of its last event. */
export function commandResponse(result: CommandResult, response: Response, withNumber = false) {
  response.setHeader('ETag', `"${result.revision}"`);
  if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return {
    id: result.id,
    ...(withNumber ? { number: result.number } : {}),
    revision: result.revision,
    position: result.position.toString(),
  };
}
