import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult, StreamEnvelope, StreamResult } from '@helpdesk/application';
import { MacroCommand, MacroState } from '@helpdesk/automation';

/** Create, change or retire a macro (supervisors, admins). */
export class RunMacroCommand extends Command<StreamResult<MacroState>> {
  constructor(
    readonly macroId: string,
    readonly command: MacroCommand,
    readonly envelope: StreamEnvelope,
  ) {
    super();
  }
}

/** Apply a macro to a ticket: its reply and field changes as one append to the ticket's stream. */
export class ApplyMacroCommand extends Command<CommandResult> {
  constructor(
    readonly ticketId: string,
    readonly macroId: string,
    readonly agentName: string,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}
