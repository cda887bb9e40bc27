import { Category, Priority, RuleAction, RuleActionType, RuleBody, RuleClock, RuleCondition, RuleConditionField, RuleDurationUnit } from '../api/types';
import { isChoiceField, LIST_FIELDS, RULE_CONDITION_OPS } from './rule-vocabulary';

/** One row of the conditions builder: values are checked choices, or written ones (comma-separated). */
export interface ConditionRow {
  key: number;
  field: RuleConditionField;
  op: string;
  choices: string[];
  list: string;
}

/** One row of the actions builder: every input any action type has, the type picks which count. */
export interface ActionRow {
  key: number;
  type: RuleActionType;
  priority: Priority;
  category: Category;
  team: string;
  tags: string;
  agentId: string;
  en: string;
  ur: string;
  notifyTo: 'assignee' | 'address';
  address: string;
  subject: string;
}

/** The rule as the editor holds it, inputs as typed. */
export interface RuleDraft {
  name: string;
  description: string;
  kind: 'trigger' | 'time';
  events: string[];
  clock: RuleClock;
  amount: string;
  unit: RuleDurationUnit;
  conditions: ConditionRow[];
  actions: ActionRow[];
}

let lastKey = 0;
const nextKey = () => ++lastKey;

export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const newCondition = (field: RuleConditionField = 'text'): ConditionRow => ({ key: nextKey(), field, op: RULE_CONDITION_OPS[field][0], choices: [], list: '' });

/** The row with another field: its first operator, no values (the old ones belong to the old field). */
export const withField = (row: ConditionRow, field: RuleConditionField): ConditionRow => ({ ...row, field, op: RULE_CONDITION_OPS[field][0], choices: [], list: '' });

export const newAction = (type: RuleActionType = 'set_priority'): ActionRow => ({
  key: nextKey(),
  type,
  priority: 'high',
  category: 'incident',
  team: '',
  tags: '',
  agentId: '',
  en: '',
  ur: '',
  notifyTo: 'assignee',
  address: '',
  subject: '',
});

export const emptyDraft = (): RuleDraft => ({
  name: '',
  description: '',
  kind: 'trigger',
  events: ['TicketSubmitted'],
  clock: 'unassigned',
  amount: '30',
  unit: 'minutes',
  conditions: [],
  actions: [newAction()],
});

/** What a stored rule looks like in the editor. */
export function draftOf(rule: RuleBody): RuleDraft {
  return {
    name: rule.name,
    description: rule.description ?? '',
    kind: rule.schedule ? 'time' : 'trigger',
    events: rule.events ?? [],
    clock: rule.schedule?.clock ?? 'unassigned',
    amount: String(rule.schedule?.amount ?? 30),
    unit: rule.schedule?.unit ?? 'minutes',
    conditions: rule.conditions.map(conditionRow),
    actions: rule.actions.map(actionRow),
  };
}

function conditionRow(condition: RuleCondition): ConditionRow {
  const values = 'values' in condition ? condition.values : [];
  const row = { ...newCondition(condition.field), op: condition.op };
  return isChoiceField(condition.field) ? { ...row, choices: values } : { ...row, list: values.join(', ') };
}

function actionRow(action: RuleAction): ActionRow {
  const row = newAction(action.type);
  switch (action.type) {
    case 'set_priority':
      return { ...row, priority: action.priority };
    case 'set_category':
      return { ...row, category: action.category };
    case 'set_team':
      return { ...row, team: action.team ?? '' };
    case 'add_tags':
    case 'remove_tags':
      return { ...row, tags: action.tags.join(', ') };
    case 'assign':
      return { ...row, agentId: action.agentId };
    case 'route':
      return row;
    case 'internal_note':
    case 'public_reply':
      return { ...row, en: action.text.en, ur: action.text.ur ?? '' };
    case 'notify':
      return { ...row, notifyTo: action.to === 'assignee' ? 'assignee' : 'address', address: action.to === 'assignee' ? '' : action.to, subject: action.subject, en: action.text.en, ur: action.text.ur ?? '' };
  }
}

/**
 * The draft as the API takes it. Nothing is checked here beyond shape: the API names whatever is
 * wrong (a trigger with no events, a tag too long), in the words the screen then shows.
 */
export function bodyOf(draft: RuleDraft): RuleBody {
  const time = draft.kind === 'time';
  return {
    name: draft.name.trim(),
    description: draft.description.trim() || null,
    events: time ? null : draft.events,
    schedule: time ? { clock: draft.clock, amount: Number(draft.amount), unit: draft.unit } : null,
    conditions: draft.conditions.map(conditionOf),
    actions: draft.actions.map(actionOf),
  };
}

function conditionOf(row: ConditionRow): RuleCondition {
  if (isChoiceField(row.field)) return { field: row.field, op: row.op, values: row.choices } as RuleCondition;
  if (LIST_FIELDS.includes(row.field)) return { field: row.field, op: row.op, values: splitList(row.list) } as RuleCondition;
  return { field: row.field, op: row.op } as RuleCondition;
}

function actionOf(row: ActionRow): RuleAction {
  const text = { en: row.en, ur: row.ur.trim() || null };
  switch (row.type) {
    case 'set_priority':
      return { type: row.type, priority: row.priority };
    case 'set_category':
      return { type: row.type, category: row.category };
    case 'set_team':
      return { type: row.type, team: row.team.trim() || null };
    case 'add_tags':
    case 'remove_tags':
      return { type: row.type, tags: splitList(row.tags) };
    case 'assign':
      return { type: row.type, agentId: row.agentId.trim() };
    case 'route':
      return { type: row.type };
    case 'internal_note':
    case 'public_reply':
      return { type: row.type, text };
    case 'notify':
      return { type: row.type, to: row.notifyTo === 'assignee' ? 'assignee' : row.address.trim(), subject: row.subject, text };
  }
}
