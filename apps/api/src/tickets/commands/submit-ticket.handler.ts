import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult, TicketCommandRunner } from '@helpdesk/application';
import { DEFAULT_TIME_ZONE } from '@helpdesk/ticketing';
import { SubmitTicketCommand } from './submit-ticket.command';

@CommandHandler(SubmitTicketCommand)
export class SubmitTicketHandler implements ICommandHandler<SubmitTicketCommand> {
  constructor(private readonly runner: TicketCommandRunner) {}

  execute({ ticket, envelope }: SubmitTicketCommand): Promise<CommandResult> {
    const { customer } = ticket;
    return this.runner.submit(
      {
        subject: ticket.subject,
        description: ticket.description,
        channel: ticket.channel,
        category: ticket.category,
        errorMessages: ticket.errorMessages,
        stepsToReproduce: ticket.stepsToReproduce,
        impact: ticket.impact,
        customer: {
          name: customer.name.trim(),
          email: customer.email.trim().toLowerCase(),
          ...(customer.phone ? { phone: customer.phone } : {}),
          timezone: customer.timezone ?? DEFAULT_TIME_ZONE,
          language: customer.language ?? 'en',
        },
      },
      envelope,
    );
  }
}
