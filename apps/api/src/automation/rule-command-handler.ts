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
      // A retry of a command already recorded is answered by the runner from its record, not decided again (a creation would be "already exists").
      const replay = envelope.idempotencyKey !== undefined && stored.some((e) => e.metadata.idempotencyKey === envelope.idempotencyKey);
      const events = replay ? [] : decideRule(command, state, { actor: envelope.actor });
      return { state, events, fold: (appended) => foldRule(appended, state) };
    });
  }
}
