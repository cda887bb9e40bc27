/** Why a rule command was refused; messages are for people. */
export type RuleErrorCode = 'rule_not_found' | 'illegal_transition' | 'not_allowed' | 'invalid_command';

export class RuleError extends Error {
  override readonly name = 'RuleError';
  constructor(
    readonly code: RuleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const ruleNotFound = (id: string) => new RuleError('rule_not_found', `Automation rule ${id} does not exist.`);
export const illegalRule = (message: string) => new RuleError('illegal_transition', message);
export const invalidRule = (message: string) => new RuleError('invalid_command', message);
