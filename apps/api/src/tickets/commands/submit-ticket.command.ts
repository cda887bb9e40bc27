import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '@helpdesk/application';
import { SubmitTicketDto } from '../dto/submit-ticket.dto';

export class SubmitTicketCommand extends Command<CommandResult> {
  constructor(
    readonly ticket: SubmitTicketDto,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
