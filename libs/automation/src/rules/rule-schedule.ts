/**
 * The clocks a time-based rule can wait on, each started by the event that puts a ticket in that
 * condition and stopped by whatever takes it out:
 *  - `waiting_on_customer`: since the ticket went on hold, until work resumes, it is resolved or closed;
 *  - `unassigned`: since the ticket was submitted or reopened with no assignee, until it is assigned;
 *  - `resolved_unanswered`: since the resolution, until the customer confirms, rejects or writes, or it is reopened or closed.
 */
export const RULE_CLOCKS = ['waiting_on_customer', 'unassigned', 'resolved_unanswered'] as const;
export type RuleClock = (typeof RULE_CLOCKS)[number];

/** Business hours count only while the business calendar is open. */
export const RULE_DURATION_UNITS = ['minutes', 'hours', 'days', 'business_hours'] as const;
export type RuleDurationUnit = (typeof RULE_DURATION_UNITS)[number];

export interface RuleSchedule {
  clock: RuleClock;
  amount: number;
  unit: RuleDurationUnit;
}
