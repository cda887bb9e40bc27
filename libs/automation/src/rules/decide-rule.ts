import { Actor } from '@helpdesk/ticketing';
import { validRuleContent } from './rule';
import { RULE_EDITORS, RuleCommand } from './rule-commands';
import { illegalRule, invalidRule, RuleError, ruleNotFound } from './rule-error';
import { RuleEvent } from './rule-events';
import { RuleState } from './rule-state';

const sameContent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function validOrder(order: number): number {
  if (!Number.isInteger(order) || order < 0 || order > 1_000_000) throw invalidRule('order: a whole number from 0 to 1000000 (lower runs first).');
  return order;
}

/** The automation rule decider: pure. Only supervisors and admins write rules. */
export function decideRule(command: RuleCommand, state: RuleState, ctx: { actor: Actor }): RuleEvent[] {
  if (!(RULE_EDITORS as readonly string[]).includes(ctx.actor.role)) throw new RuleError('not_allowed', 'Supervisors and admins keep the automation rules.');
  if (command.type === 'CreateRule') {
    if (state) throw illegalRule(`Rule ${command.data.ruleId} already exists.`);
    const content = validRuleContent(command.data.content);
    const created: RuleEvent = { type: 'RuleCreated', data: { ruleId: command.data.ruleId, version: 1, content, order: validOrder(command.data.order) } };
    return command.data.enabled ? [created, { type: 'RuleEnabled', data: { version: 1 } }] : [created];
  }
  if (!state) throw ruleNotFound('(unknown)');
  switch (command.type) {
    case 'ChangeRule': {
      const content = validRuleContent(command.data.content);
      if (sameContent(content, state.content)) throw illegalRule(`Rule "${state.content.name}" already reads so.`);
      return [{ type: 'RuleChanged', data: { version: state.version + 1, content } }];
    }
    case 'EnableRule':
      if (state.enabled) throw illegalRule(`Rule "${state.content.name}" is already enabled.`);
      return [{ type: 'RuleEnabled', data: { version: state.version } }];
    case 'DisableRule':
      if (!state.enabled) throw illegalRule(`Rule "${state.content.name}" is already disabled.`);
      return [{ type: 'RuleDisabled', data: { version: state.version, reason: command.data.reason?.trim() || null } }];
    case 'ReorderRule': {
      const order = validOrder(command.data.order);
      if (order === state.order) throw illegalRule(`Rule "${state.content.name}" is already at ${order}.`);
      return [{ type: 'RuleReordered', data: { order, previousOrder: state.order } }];
    }
  }
}
