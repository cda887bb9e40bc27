import { CATEGORIES, CHANNELS, LANGUAGES, PRIORITIES, TICKET_STATUSES } from '@helpdesk/ticketing';

/** Ticket fields a condition compares with a list of values. */
export const FIELD_CONDITIONS = {
  channel: CHANNELS,
  category: CATEGORIES,
  priority: PRIORITIES,
  status: TICKET_STATUSES,
  language: LANGUAGES,
} as const;
export type FieldConditionField = keyof typeof FIELD_CONDITIONS;

/**
 * One condition of a rule; a rule holds when all of its conditions do.
 *  - a ticket field is (not) one of the values;
 *  - the customer's email domain is (not) one of the values (`example.pk` also matches `mail.example.pk`);
 *  - the ticket has any / all / none of the tags;
 *  - the subject, description or the triggering comment contains any of the phrases (case, diacritics,
 *    Arabic and Urdu letter forms and spacing aside);
 *  - the triggering instant is inside or outside the business calendar's hours;
 *  - the ticket has (no) assignee.
 */
export type RuleCondition =
  | { field: FieldConditionField; op: 'is' | 'is_not'; values: string[] }
  | { field: 'customer_domain'; op: 'is' | 'is_not'; values: string[] }
  | { field: 'tags'; op: 'has_any' | 'has_all' | 'has_none'; values: string[] }
  | { field: 'text'; op: 'contains'; values: string[] }
  | { field: 'business_hours'; op: 'inside' | 'outside' }
  | { field: 'assignee'; op: 'is_set' | 'is_not_set' };

export type RuleConditionField = RuleCondition['field'];
export const RULE_CONDITION_FIELDS: readonly RuleConditionField[] = [...(Object.keys(FIELD_CONDITIONS) as FieldConditionField[]), 'customer_domain', 'tags', 'text', 'business_hours', 'assignee'];

/** The operators each field takes. */
export const RULE_CONDITION_OPS: Record<RuleConditionField, readonly string[]> = {
  channel: ['is', 'is_not'],
  category: ['is', 'is_not'],
  priority: ['is', 'is_not'],
  status: ['is', 'is_not'],
  language: ['is', 'is_not'],
  customer_domain: ['is', 'is_not'],
  tags: ['has_any', 'has_all', 'has_none'],
  text: ['contains'],
  business_hours: ['inside', 'outside'],
  assignee: ['is_set', 'is_not_set'],
};
