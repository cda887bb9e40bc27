import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '@helpdesk/application';
import { TicketCommand } from '@helpdesk/ticketing';

/** Any lifecycle command on an existing ticket: they share one load-fold-decide-append path. */
export class ChangeTicketCommand extends Command<CommandResult> {
  constructor(
    readonly ticketId: string,
    readonly command: Exclude<TicketCommand, { type: 'SubmitTicket' }>,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
