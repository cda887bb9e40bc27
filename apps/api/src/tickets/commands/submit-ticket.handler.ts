import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandResult, SlaPolicyBook, TicketCommandRunner } from '@helpdesk/application';
import { DEFAULT_TIME_ZONE } from '@helpdesk/ticketing';
import { SubmitTicketCommand } from './submit-ticket.command';

@CommandHandler(SubmitTicketCommand)
export class SubmitTicketHandler implements ICommandHandler<SubmitTicketCommand> {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly slaPolicies: SlaPolicyBook,
  ) {}

  async execute({ ticket, envelope, attachments }: SubmitTicketCommand): Promise<CommandResult> {
    const { customer } = ticket;
    // The ticket's SLA clock runs on the policy in force now, whatever is published later.
    const policy = await this.slaPolicies.current();
    return this.runner.submit(
      {
        subject: ticket.subject,
        description: ticket.description,
        channel: ticket.channel,
        category: ticket.category,
        errorMessages: ticket.errorMessages,
        stepsToReproduce: ticket.stepsToReproduce,
        impact: ticket.impact,
        ...(attachments.length ? { attachments } : {}),
        customer: {
          name: customer.name.trim(),
          email: customer.email.trim().toLowerCase(),
          ...(customer.phone ? { phone: customer.phone } : {}),
          timezone: customer.timezone ?? DEFAULT_TIME_ZONE,
          language: customer.language ?? 'en',
        },
      },
      { ...envelope, metadata: { ...envelope.metadata, slaPolicy: { id: policy.id, version: policy.version } } },
    );
  }
}
