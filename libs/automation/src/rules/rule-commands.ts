import { RuleContent } from './rule';

export type RuleCommand =
  | { type: 'CreateRule'; data: { ruleId: string; content: RuleContent; order: number; enabled: boolean } }
  | { type: 'ChangeRule'; data: { content: RuleContent } }
  | { type: 'EnableRule'; data: Record<string, never> }
  | { type: 'DisableRule'; data: { reason: string | null } }
  | { type: 'ReorderRule'; data: { order: number } };

export type RuleCommandType = RuleCommand['type'];

/** Supervisors and admins keep the automation rules (the system too, for migrations). */
export const RULE_EDITORS = ['supervisor', 'admin', 'system'] as const;
