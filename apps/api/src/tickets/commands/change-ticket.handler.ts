import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult, TicketCommandRunner } from '@helpdesk/application';
import { ChangeTicketCommand } from './change-ticket.command';

@CommandHandler(ChangeTicketCommand)
export class ChangeTicketHandler implements ICommandHandler<ChangeTicketCommand> {
  constructor(private readonly runner: TicketCommandRunner) {}

  execute({ ticketId, command, envelope }: ChangeTicketCommand): Promise<CommandResult> {
    return this.runner.execute(ticketId, command, envelope);
  }
}
