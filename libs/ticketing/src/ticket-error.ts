/**
 * Why the domain refused a command. Messages are for people: they say what is wrong and,
 * where it helps, what to do instead.
 */
export type TicketErrorCode =
  | 'ticket_not_found'
  | 'ticket_already_exists'
  | 'illegal_transition'
  | 'not_allowed'
  | 'invalid_command';

export class TicketError extends Error {
  override readonly name = 'TicketError';
  constructor(
    readonly code: TicketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (id: string) => new TicketError('ticket_not_found', `Ticket ${id} does not exist.`);
export const illegal = (message: string) => new TicketError('illegal_transition', message);
export const notAllowed = (message: string) => new TicketError('not_allowed', message);
export const invalid = (message: string) => new TicketError('invalid_command', message);
