import { Command } from '@nestjs/cqrs';
import { StreamEnvelope, StreamResult } from '@helpdesk/application';
import { RuleCommand, RuleState } from '@helpdesk/automation';

/** Create, change, enable, disable or reorder an automation rule (supervisors, admins). */
export class RunRuleCommand extends Command<StreamResult<RuleState>> {
  constructor(
    readonly ruleId: string,
    readonly command: RuleCommand,
    readonly envelope: StreamEnvelope,
  ) {
    super();
  }
}
