/** What set an automation rule off: a ticket event, or a clock running past the rule's duration. */
export type RuleTrigger =
  | { kind: 'event'; eventId: string; eventType: string }
  | { kind: 'time'; clock: string; since: string; dueAt: string };

/**
 * One firing of an automation rule on a ticket, recorded as `RuleFired` together with the changes
 * it makes, in one append: "why did this happen?" has an answer in the ticket's own history.
 */
export interface RuleFiring {
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  trigger: RuleTrigger;
  /** The conditions that held, in words. */
  matched: string[];
  /** What the rule did (or would have done when stopped), in words. */
  actions: string[];
  /** How many rule firings led to the event that set this one off (0: a person's or a service's own event). */
  depth: number;
  /** `loop_stopped`: the chain of rule firings reached its bound and this one did nothing. */
  outcome: 'applied' | 'loop_stopped';
  reason: string | null;
  /** Addresses or roles the rule asked to notify; the outbox sends them. */
  notify: RuleNotice[];
}

/** A notification a rule asks for: to the assignee or to an address, in English (and Urdu). */
export interface RuleNotice {
  to: 'assignee' | string;
  subject: string;
  body: string;
}
