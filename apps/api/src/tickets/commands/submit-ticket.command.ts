import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '@helpdesk/application';
import { AttachmentRef } from '@helpdesk/ticketing';
import { SubmitTicketDto } from '../dto/submit-ticket.dto';

export class SubmitTicketCommand extends Command<CommandResult> {
  constructor(
    readonly ticket: SubmitTicketDto,
    readonly envelope: CommandEnvelope,
    /** Files uploaded with the submission, already in the blob store. */
    readonly attachments: AttachmentRef[] = [],
  ) {
    super();
  }
}
