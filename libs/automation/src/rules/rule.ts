import { CATEGORIES, PRIORITIES, requireTags, TICKET_EVENT_TYPES } from '@helpdesk/ticketing';
import { comparableText } from './evaluate-rule';
import { RULE_ACTION_TYPES, RuleAction, RuleText } from './rule-action';
import { FIELD_CONDITIONS, FieldConditionField, RULE_CONDITION_FIELDS, RULE_CONDITION_OPS, RuleCondition } from './rule-condition';
import { invalidRule } from './rule-error';
import { RULE_CLOCKS, RULE_DURATION_UNITS, RuleSchedule } from './rule-schedule';
import { RULE_PLACEHOLDERS, placeholdersIn } from './rule-placeholders';

/** Events a trigger may wait for: every ticket event but a rule's own record, and the SLA watch's. */
export const RULE_TRIGGER_EVENTS: readonly string[] = [...TICKET_EVENT_TYPES.filter((t) => t !== 'RuleFired'), 'SlaWarningIssued', 'SlaBreached'];

export const RULE_NAME_MAX = 100;
export const RULE_DESCRIPTION_MAX = 2000;
export const RULE_TEXT_MAX = 20_000;
export const RULE_MAX_CONDITIONS = 20;
export const RULE_MAX_ACTIONS = 10;
export const RULE_MAX_VALUES = 50;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const DOMAIN = /^(?=.{1,253}$)[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

/**
 * An automation rule as a supervisor writes it. A trigger names the ticket events that set it off
 * (`events`); a time-based rule names the clock it waits on (`schedule`); exactly one of the two.
 * It fires when every condition holds, and then runs its actions in order.
 */
export interface RuleContent {
  name: string;
  description: string | null;
  events: string[] | null;
  schedule: RuleSchedule | null;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

export type RuleKind = 'trigger' | 'time';
export const ruleKind = (content: Pick<RuleContent, 'schedule'>): RuleKind => (content.schedule ? 'time' : 'trigger');

/** The content as stored: trimmed and normalised; throws invalid_command naming what is wrong. */
export function validRuleContent(input: RuleContent): RuleContent {
  if (typeof input !== 'object' || input === null) throw invalidRule('A rule has a name, events or a schedule, conditions and actions.');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > RULE_NAME_MAX) throw invalidRule(`name: 1-${RULE_NAME_MAX} characters.`);
  const description = typeof input.description === 'string' && input.description.trim() ? input.description.trim() : null;
  if (description && description.length > RULE_DESCRIPTION_MAX) throw invalidRule(`description: at most ${RULE_DESCRIPTION_MAX} characters.`);
  const hasEvents = Array.isArray(input.events) && input.events.length > 0;
  if (hasEvents === Boolean(input.schedule)) throw invalidRule('A rule either waits for ticket events (events) or for a clock (schedule): give exactly one.');
  const events = hasEvents ? validEvents(input.events!) : null;
  const schedule = input.schedule ? validSchedule(input.schedule) : null;
  if (!Array.isArray(input.conditions) || input.conditions.length > RULE_MAX_CONDITIONS) throw invalidRule(`conditions: a list of at most ${RULE_MAX_CONDITIONS}.`);
  const conditions = input.conditions.map((c, i) => validCondition(c, `conditions[${i}]`));
  if (!Array.isArray(input.actions) || input.actions.length === 0 || input.actions.length > RULE_MAX_ACTIONS) throw invalidRule(`actions: 1-${RULE_MAX_ACTIONS} actions.`);
  const actions = input.actions.map((a, i) => validAction(a, `actions[${i}]`));
  return { name, description, events, schedule, conditions, actions };
}

function validEvents(events: string[]): string[] {
  const out: string[] = [];
  for (const type of events) {
    if (!RULE_TRIGGER_EVENTS.includes(type)) throw invalidRule(`events: "${String(type).slice(0, 60)}" is not an event a rule can wait for; use ${RULE_TRIGGER_EVENTS.join(', ')}.`);
    if (!out.includes(type)) out.push(type);
  }
  return out;
}

function validSchedule(schedule: RuleSchedule): RuleSchedule {
  if (!(RULE_CLOCKS as readonly string[]).includes(schedule.clock)) throw invalidRule(`schedule.clock: one of ${RULE_CLOCKS.join(', ')}.`);
  if (!(RULE_DURATION_UNITS as readonly string[]).includes(schedule.unit)) throw invalidRule(`schedule.unit: one of ${RULE_DURATION_UNITS.join(', ')}.`);
  const limit = { minutes: 525_600, hours: 8_760, days: 365, business_hours: 8_760 }[schedule.unit];
  if (!Number.isInteger(schedule.amount) || schedule.amount < 1 || schedule.amount > limit) throw invalidRule(`schedule.amount: a whole number of ${schedule.unit.replace('_', ' ')} from 1 to ${limit}.`);
  return { clock: schedule.clock, amount: schedule.amount, unit: schedule.unit };
}

function validValues(values: unknown, at: string, allowed?: readonly string[]): string[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > RULE_MAX_VALUES) throw invalidRule(`${at}.values: 1-${RULE_MAX_VALUES} values.`);
  const out: string[] = [];
  for (const raw of values) {
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value || value.length > 200) throw invalidRule(`${at}.values: each value is 1-200 characters.`);
    if (allowed && !allowed.includes(value)) throw invalidRule(`${at}.values: "${value.slice(0, 60)}" is not one of ${allowed.join(', ')}.`);
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

function validCondition(condition: RuleCondition, at: string): RuleCondition {
  const field = condition?.field;
  if (!RULE_CONDITION_FIELDS.includes(field)) throw invalidRule(`${at}.field: one of ${RULE_CONDITION_FIELDS.join(', ')}.`);
  const ops = RULE_CONDITION_OPS[field];
  if (!ops.includes(condition.op)) throw invalidRule(`${at}.op: ${field} takes ${ops.join(', ')}.`);
  switch (condition.field) {
    case 'business_hours':
    case 'assignee':
      return { field: condition.field, op: condition.op } as RuleCondition;
    case 'customer_domain': {
      const values = [...new Set(validValues(condition.values, at).map((d) => d.toLowerCase().replace(/^@/, '')))];
      const bad = values.find((d) => !DOMAIN.test(d));
      if (bad) throw invalidRule(`${at}.values: "${bad.slice(0, 60)}" is not a domain (example.pk).`);
      return { field: 'customer_domain', op: condition.op, values };
    }
    case 'tags': {
      let values: string[];
      try {
        values = requireTags(validValues(condition.values, at), `${at}.values`);
      } catch (error) {
        throw invalidRule((error as Error).message);
      }
      return { field: 'tags', op: condition.op, values };
    }
    case 'text': {
      const values = validValues(condition.values, at);
      // Punctuation and spacing are ignored when text is compared: a phrase of nothing else could never match.
      const empty = values.find((phrase) => !/[\p{L}\p{N}]/u.test(comparableText(phrase)));
      if (empty !== undefined) throw invalidRule(`${at}.values: "${empty.slice(0, 60)}" has no letters or digits to look for.`);
      return { field: 'text', op: 'contains', values };
    }
    default:
      return { field: condition.field, op: condition.op, values: validValues(condition.values, at, FIELD_CONDITIONS[condition.field as FieldConditionField]) };
  }
}

function validText(text: RuleText | undefined, at: string): RuleText {
  const en = typeof text?.en === 'string' ? text.en.trim() : '';
  const ur = typeof text?.ur === 'string' && text.ur.trim() ? text.ur.trim() : null;
  if (!en) throw invalidRule(`${at}.en: the English text is required (Urdu is optional).`);
  for (const [field, value] of [[`${at}.en`, en], [`${at}.ur`, ur ?? '']] as const) {
    if (value.length > RULE_TEXT_MAX) throw invalidRule(`${field}: at most ${RULE_TEXT_MAX} characters.`);
    const unknown = placeholdersIn(value).find((p) => !(RULE_PLACEHOLDERS as readonly string[]).includes(p));
    if (unknown !== undefined) throw invalidRule(`${field}: {{${unknown}}} is not a placeholder; use ${RULE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`);
  }
  return { en, ur };
}

function validAction(action: RuleAction, at: string): RuleAction {
  if (!RULE_ACTION_TYPES.includes(action?.type)) throw invalidRule(`${at}.type: one of ${RULE_ACTION_TYPES.join(', ')}.`);
  switch (action.type) {
    case 'set_priority':
      if (!PRIORITIES.includes(action.priority)) throw invalidRule(`${at}.priority: one of ${PRIORITIES.join(', ')}.`);
      return { type: action.type, priority: action.priority };
    case 'set_category':
      if (!CATEGORIES.includes(action.category)) throw invalidRule(`${at}.category: one of ${CATEGORIES.join(', ')}.`);
      return { type: action.type, category: action.category };
    case 'set_team': {
      const team = typeof action.team === 'string' ? action.team.trim() : null;
      if (action.team !== null && (!team || team.length > 60)) throw invalidRule(`${at}.team: a team name of 1-60 characters, or null for no team.`);
      return { type: action.type, team };
    }
    case 'add_tags':
    case 'remove_tags':
      try {
        const tags = requireTags(Array.isArray(action.tags) ? action.tags : [], `${at}.tags`);
        if (tags.length === 0) throw invalidRule(`${at}.tags: at least one tag.`);
        return { type: action.type, tags };
      } catch (error) {
        throw invalidRule((error as Error).message);
      }
    case 'assign': {
      const agentId = typeof action.agentId === 'string' ? action.agentId.trim() : '';
      if (!agentId || agentId.length > 200) throw invalidRule(`${at}.agentId: the agent's id.`);
      return { type: action.type, agentId };
    }
    case 'route':
      return { type: 'route' };
    case 'internal_note':
    case 'public_reply':
      return { type: action.type, text: validText(action.text, `${at}.text`) };
    case 'notify': {
      const to = typeof action.to === 'string' ? action.to.trim().toLowerCase() : '';
      if (to !== 'assignee' && !EMAIL.test(to)) throw invalidRule(`${at}.to: "assignee" or an email address.`);
      const subject = typeof action.subject === 'string' ? action.subject.trim() : '';
      if (!subject || subject.length > 200) throw invalidRule(`${at}.subject: 1-200 characters.`);
      const unknown = placeholdersIn(subject).find((p) => !(RULE_PLACEHOLDERS as readonly string[]).includes(p));
      if (unknown !== undefined) throw invalidRule(`${at}.subject: {{${unknown}}} is not a placeholder.`);
      return { type: 'notify', to, subject, text: validText(action.text, `${at}.text`) };
    }
  }
}
