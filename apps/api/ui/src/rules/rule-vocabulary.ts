import { CATEGORIES, LANGUAGES, PRIORITIES, RuleActionType, RuleClock, RuleConditionField, RuleDurationUnit } from '../api/types';

/**
 * What a rule may be written with, as the domain defines it (libs/automation/src/rules); copied
 * here so the bundle carries no domain code, and compared with the domain's lists by a spec.
 */
export const RULE_TRIGGER_EVENTS: readonly string[] = [
  'TicketSubmitted',
  'TicketAssigned',
  'AssignmentAcknowledged',
  'TicketPrioritized',
  'TicketCategorized',
  'TicketTagsChanged',
  'TicketTeamChanged',
  'WorkStarted',
  'CommentAdded',
  'WaitingOnCustomer',
  'WorkResumed',
  'TicketResolved',
  'ResolutionConfirmed',
  'ResolutionRejected',
  'TicketReopened',
  'TicketClosed',
  'SatisfactionOffered',
  'SatisfactionRated',
  'SatisfactionOfferVoided',
  'AutoCloseReminded',
  'SlaWarningIssued',
  'SlaBreached',
];

export const RULE_CLOCKS: readonly RuleClock[] = ['waiting_on_customer', 'unassigned', 'resolved_unanswered'];
export const RULE_DURATION_UNITS: readonly RuleDurationUnit[] = ['minutes', 'hours', 'days', 'business_hours'];
export const RULE_PLACEHOLDERS: readonly string[] = ['customer.name', 'ticket.number', 'ticket.subject', 'ticket.priority', 'rule.name'];

/** Fields compared with a list of known values: each value is a checkbox. */
export const CHOICE_FIELDS = {
  channel: ['web', 'email', 'phone', 'api'],
  category: CATEGORIES,
  priority: PRIORITIES,
  status: ['new', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'],
  language: LANGUAGES,
} as const satisfies Partial<Record<RuleConditionField, readonly string[]>>;
export type ChoiceField = keyof typeof CHOICE_FIELDS;
export const isChoiceField = (field: RuleConditionField): field is ChoiceField => field in CHOICE_FIELDS;

/** Fields with written values (comma-separated); the rest take no values at all. */
export const LIST_FIELDS: readonly RuleConditionField[] = ['customer_domain', 'tags', 'text'];

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
export const RULE_CONDITION_FIELDS = Object.keys(RULE_CONDITION_OPS) as RuleConditionField[];

export const RULE_ACTION_TYPES: readonly RuleActionType[] = ['set_priority', 'set_category', 'set_team', 'add_tags', 'remove_tags', 'assign', 'route', 'internal_note', 'public_reply', 'notify'];

/** How far back a backtest may look, in days. */
export const BACKTEST_DAYS: readonly number[] = [1, 7, 30, 90];
