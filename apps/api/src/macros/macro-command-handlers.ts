import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandResult, StreamCommandRunner, StreamResult, TicketCommandRunner } from '@helpdesk/application';
import { decideMacro, foldMacro, illegalMacro, MacroEvent, macroNotFound, MacroState, macroStreamId, planMacro } from '@helpdesk/automation';
import { EVENT_STORE, EventStore, StoredEvent } from '@helpdesk/event-store';
import { ApplyMacroCommand, RunMacroCommand } from './macro-commands';

const toMacroEvent = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as MacroEvent;

@CommandHandler(RunMacroCommand)
export class RunMacroHandler implements ICommandHandler<RunMacroCommand> {
  constructor(private readonly streams: StreamCommandRunner) {}

  execute({ macroId, command, envelope }: RunMacroCommand): Promise<StreamResult<MacroState>> {
    return this.streams.run<MacroState, MacroEvent>(macroStreamId(macroId), macroId, envelope, (stored) => {
      const state = foldMacro(stored.map(toMacroEvent));
      return { state, decide: () => decideMacro(command, state, { actor: envelope.actor }), fold: (appended) => foldMacro(appended, state) };
    });
  }
}

@CommandHandler(ApplyMacroCommand)
export class ApplyMacroHandler implements ICommandHandler<ApplyMacroCommand> {
  constructor(
    private readonly tickets: TicketCommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The macro as its stream has it now (not the read model), so a retired macro is never applied. */
  async execute({ ticketId, macroId, agentName, envelope }: ApplyMacroCommand): Promise<CommandResult> {
    const macro = foldMacro((await this.store.readStream(macroStreamId(macroId))).map(toMacroEvent));
    if (!macro) throw macroNotFound(macroId);
    if (macro.retired) throw illegalMacro(`Macro "${macro.content.name}" is retired.`);
    const commentId = randomUUID();
    return this.tickets.executeAll(ticketId, (ticket) => planMacro(macro, ticket, { agentName, commentId }), {
      ...envelope,
      // Which macro, in which version, issued these events: "why did this happen?" has an answer.
      metadata: { ...envelope.metadata, macro: { id: macroId, version: macro.version, name: macro.content.name } },
    });
  }
}
