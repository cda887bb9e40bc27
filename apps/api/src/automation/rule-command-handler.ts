import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamCommandRunner, StreamResult } from '@helpdesk/application';
import { decideRule, foldRule, RuleEvent, ruleNotFound, RuleState, ruleStreamId } from '@helpdesk/automation';
import { RunRuleCommand } from './rule-commands';
import { toRuleEvent } from './rule-stream';

@CommandHandler(RunRuleCommand)
export class RunRuleHandler implements ICommandHandler<RunRuleCommand> {
  constructor(private readonly streams: StreamCommandRunner) {}

  execute({ ruleId, command, envelope }: RunRuleCommand): Promise<StreamResult<RuleState>> {
    return this.streams.run<RuleState, RuleEvent>(ruleStreamId(ruleId), ruleId, envelope, (stored) => {
      const state = foldRule(stored.map(toRuleEvent));
      if (!state && command.type !== 'CreateRule') throw ruleNotFound(ruleId);
      return { state, decide: () => decideRule(command, state, { actor: envelope.actor }), fold: (appended) => foldRule(appended, state) };
    });
  }
}
