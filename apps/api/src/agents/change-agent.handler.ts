import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AgentCommandResult, AgentCommandRunner } from '@helpdesk/application';
import { AgentCommand } from '@helpdesk/routing';
import { Actor } from '@helpdesk/ticketing';

export class ChangeAgentCommand extends Command<AgentCommandResult> {
  constructor(
    readonly agentId: string,
    readonly command: AgentCommand,
    readonly envelope: { actor: Actor; correlationId: string; expectedRevision?: number },
  ) {
    super();
  }
}

/** Every change to an agent's record, registration included. */
@CommandHandler(ChangeAgentCommand)
export class ChangeAgentHandler implements ICommandHandler<ChangeAgentCommand> {
  constructor(private readonly runner: AgentCommandRunner) {}

  execute({ agentId, command, envelope }: ChangeAgentCommand): Promise<AgentCommandResult> {
    return this.runner.execute(agentId, command, envelope);
  }
}
