import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { FIELD_CONDITIONS, RULE_CONDITION_OPS, RULE_MAX_VALUES, RULE_PLACEHOLDERS, RULE_TEXT_MAX, RuleActionType, RuleConditionField } from '@helpdesk/automation';
import { CATEGORIES, MAX_TAGS_PER_TICKET, PRIORITIES, TAG_MAX_LENGTH } from '@helpdesk/ticketing';

/*
 * The shapes of a rule's conditions and actions for the OpenAPI document, built from the domain's
 * own tables so the document lists every field, operator and action the decider accepts. The
 * decider (validRuleContent) checks them and names what is wrong; the edge only checks that each
 * is an object.
 */

const PLACEHOLDERS = RULE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
const one = (value: string): SchemaObject => ({ type: 'string', enum: [value] });
const values = (description: string, allowed?: readonly string[]): SchemaObject => ({
  type: 'array',
  minItems: 1,
  maxItems: RULE_MAX_VALUES,
  description,
  items: allowed ? { type: 'string', enum: [...allowed] } : { type: 'string', minLength: 1, maxLength: 200 },
});

const condition = (field: RuleConditionField, description: string, extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  title: `condition: ${field}`,
  description,
  required: ['field', 'op', ...Object.keys(extra)],
  properties: { field: one(field), op: { type: 'string', enum: [...RULE_CONDITION_OPS[field]] }, ...extra },
});

/** Every condition a rule can have; a rule fires when all of its conditions hold. */
export const RULE_CONDITION_SCHEMAS: SchemaObject[] = [
  ...(Object.keys(FIELD_CONDITIONS) as Array<keyof typeof FIELD_CONDITIONS>).map((field) =>
    condition(field, `The ticket's ${field === 'language' ? "customer's language" : field} is (not) one of the values`, { values: values('any of', FIELD_CONDITIONS[field]) }),
  ),
  condition('customer_domain', "The customer's email domain is (not) one of the values (`example.pk` also matches `mail.example.pk`)", { values: values('domains, e.g. example.pk') }),
  condition('tags', 'The ticket has any / all / none of the tags', { values: values('tags') }),
  condition('text', 'The subject, description or the triggering comment contains any of the phrases (case, diacritics, Urdu letter forms and spacing aside)', { values: values('phrases') }),
  condition('business_hours', "The triggering instant is inside / outside the business calendar's hours"),
  condition('assignee', 'The ticket has / has no assignee'),
];

const text: SchemaObject = {
  type: 'object',
  required: ['en'],
  description: `English text, and Urdu for customers whose language is Urdu; may use ${PLACEHOLDERS}`,
  properties: { en: { type: 'string', minLength: 1, maxLength: RULE_TEXT_MAX }, ur: { type: 'string', nullable: true, maxLength: RULE_TEXT_MAX } },
};
const tags: SchemaObject = { type: 'array', minItems: 1, maxItems: MAX_TAGS_PER_TICKET, items: { type: 'string', minLength: 1, maxLength: TAG_MAX_LENGTH } };

const action = (type: RuleActionType, description: string, extra: Record<string, SchemaObject> = {}): SchemaObject => ({
  type: 'object',
  title: `action: ${type}`,
  description,
  required: ['type', ...Object.keys(extra)],
  properties: { type: one(type), ...extra },
});

/** Every action a rule can take, run in order through the ordinary ticket commands as the system. */
export const RULE_ACTION_SCHEMAS: SchemaObject[] = [
  action('set_priority', 'Set the priority', { priority: { type: 'string', enum: [...PRIORITIES] } }),
  action('set_category', 'Set the category', { category: { type: 'string', enum: [...CATEGORIES] } }),
  action('set_team', 'Route the ticket to a team (null: take it off its team)', { team: { type: 'string', nullable: true, minLength: 1, maxLength: 60 } }),
  action('add_tags', 'Add tags', { tags }),
  action('remove_tags', 'Remove tags', { tags }),
  action('assign', 'Assign to an agent (open tickets only)', { agentId: { type: 'string', minLength: 1, maxLength: 200 } }),
  action('route', 'Hand the ticket to routing, which picks an eligible agent (open tickets only)'),
  action('internal_note', 'Add an internal note', { text }),
  action('public_reply', "Send a public reply in the customer's language", { text }),
  action('notify', 'Email the assignee or an address, through the notification outbox', {
    to: { type: 'string', description: '"assignee" or an email address', minLength: 1, maxLength: 254 },
    subject: { type: 'string', minLength: 1, maxLength: 200, description: `may use ${PLACEHOLDERS}` },
    text,
  }),
];
