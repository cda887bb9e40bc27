import { conditionsHold, lazyComparable } from './evaluate-rule';
import { RuleFacts } from './rule-facts';
import { RuleClock } from './rule-schedule';
import { byRuleOrder, Rule } from './rule-state';

export interface RuleMatch {
  rule: Rule;
  matched: string[];
}

/**
 * The enabled rules, indexed for evaluation: a ticket event is checked only against the triggers
 * that wait for its type, in rule order, and its text is normalised once however many look at it.
 */
export class RuleBook {
  private readonly byEvent = new Map<string, Rule[]>();
  readonly timeRules: readonly Rule[];

  constructor(rules: Iterable<Rule>) {
    const enabled = [...rules].filter((r) => r.enabled).sort(byRuleOrder);
    for (const rule of enabled) {
      for (const type of rule.content.events ?? []) {
        const list = this.byEvent.get(type) ?? [];
        list.push(rule);
        this.byEvent.set(type, list);
      }
    }
    this.timeRules = enabled.filter((r) => r.content.schedule);
  }

  /** Whether any trigger waits for this event type (else the ticket need not even be read). */
  waitsFor(eventType: string): boolean {
    return this.byEvent.has(eventType);
  }

  /** The triggers an event of this type sets off, given the facts, in rule order. */
  triggered(eventType: string, facts: RuleFacts): RuleMatch[] {
    const rules = this.byEvent.get(eventType);
    if (!rules) return [];
    const comparable = lazyComparable(facts);
    const out: RuleMatch[] = [];
    for (const rule of rules) {
      const matched = conditionsHold(rule.content.conditions, facts, comparable);
      if (matched) out.push({ rule, matched });
    }
    return out;
  }

  /** The time-based rules waiting on a clock. */
  onClock(clock: RuleClock): Rule[] {
    return this.timeRules.filter((r) => r.content.schedule!.clock === clock);
  }
}

/** A time-based rule's conditions at the instant its clock ran out. */
export function timeRuleHolds(rule: Rule, facts: RuleFacts): string[] | null {
  return conditionsHold(rule.content.conditions, facts, lazyComparable(facts));
}
