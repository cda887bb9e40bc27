import { RuleContent } from './rule';

/**
 * Facts of an automation rule's life; each change records the whole next version, so a firing
 * names the version it ran. A rule is created as a draft (disabled) unless asked otherwise: it can
 * be backtested before it goes live. `order` ranks rules: the lower runs first. Stream: `automation-rule-<id>`.
 */
export type RuleEvent =
  | { type: 'RuleCreated'; data: { ruleId: string; version: 1; content: RuleContent; order: number } }
  | { type: 'RuleChanged'; data: { version: number; content: RuleContent } }
  | { type: 'RuleEnabled'; data: { version: number } }
  | { type: 'RuleDisabled'; data: { version: number; reason: string | null } }
  | { type: 'RuleReordered'; data: { order: number; previousOrder: number } };

export type RuleEventType = RuleEvent['type'];
export const RULE_EVENT_TYPES: readonly RuleEventType[] = ['RuleCreated', 'RuleChanged', 'RuleEnabled', 'RuleDisabled', 'RuleReordered'];
export const RULE_STREAM_PREFIX = 'automation-rule-';
export const ruleStreamId = (ruleId: string) => `${RULE_STREAM_PREFIX}${ruleId}`;
