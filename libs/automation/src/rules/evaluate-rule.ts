import { normaliseText } from '@helpdesk/knowledge';
import { isOpenAt } from '@helpdesk/sla';
import { RuleCondition } from './rule-condition';
import { RULE_TEXT_PART_BREAK, RuleFacts } from './rule-facts';

/**
 * Text as `contains` compares it: normalised (case, diacritics, letter forms) with no spaces at all,
 * so spacing never matters; the parts of the facts' text stay apart, so a phrase never runs from
 * the end of the subject into the description.
 */
export const comparableText = (text: string): string =>
  text
    .split(RULE_TEXT_PART_BREAK)
    .map((part) => normaliseText(part).replace(/ /g, ''))
    .join(RULE_TEXT_PART_BREAK);

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
const inDomain = (domain: string, wanted: string) => domain === wanted || domain.endsWith(`.${wanted}`);
const list = (values: readonly string[]) => values.join(', ');

/** A rule's phrase as `contains` compares it; rules are checked far more often than written, so each phrase is normalised once. */
const phrases = new Map<string, string>();
function comparablePhrase(phrase: string): string {
  let known = phrases.get(phrase);
  if (known === undefined) {
    if (phrases.size >= 50_000) phrases.clear();
    known = comparableText(phrase);
    phrases.set(phrase, known);
  }
  return known;
}

/**
 * A condition checked against the facts: null when it does not hold, else what held, in words
 * (recorded on RuleFired). `comparable` is the facts' text as comparableText makes it, computed
 * once per event by the caller however many rules look at it.
 */
export function conditionHolds(condition: RuleCondition, facts: RuleFacts, comparable: () => string): string | null {
  const { ticket } = facts;
  switch (condition.field) {
    case 'channel':
    case 'category':
    case 'priority':
    case 'status':
    case 'language': {
      const actual = condition.field === 'channel' ? facts.channel : condition.field === 'language' ? ticket.customer.language : ticket[condition.field];
      const among = condition.values.includes(actual);
      return among === (condition.op === 'is') ? `${condition.field} ${condition.op === 'is' ? 'is' : 'is not'} ${list(condition.values)} (it is ${actual})` : null;
    }
    case 'customer_domain': {
      const domain = domainOf(ticket.customer.email);
      const among = condition.values.some((wanted) => inDomain(domain, wanted));
      return among === (condition.op === 'is') ? `customer domain ${condition.op === 'is' ? 'is' : 'is not'} ${list(condition.values)} (it is ${domain})` : null;
    }
    case 'tags': {
      const tags = ticket.tags ?? [];
      const has = condition.values.filter((t) => tags.includes(t));
      const holds = condition.op === 'has_any' ? has.length > 0 : condition.op === 'has_all' ? has.length === condition.values.length : has.length === 0;
      return holds ? `tags ${condition.op.replace('_', ' ')} of ${list(condition.values)} (it has ${tags.length ? list(tags) : 'none'})` : null;
    }
    case 'text': {
      const text = comparable();
      const found = condition.values.find((phrase) => {
        const wanted = comparablePhrase(phrase);
        return wanted.length > 0 && text.includes(wanted);
      });
      return found !== undefined ? `text contains "${found}"` : null;
    }
    case 'business_hours': {
      const open = isOpenAt(facts.calendar, facts.at);
      return open === (condition.op === 'inside') ? `${condition.op} business hours (${facts.calendar.id}, ${facts.at.toISOString()})` : null;
    }
    case 'assignee': {
      const set = ticket.assigneeId !== null;
      return set === (condition.op === 'is_set') ? (set ? `assignee is set (${ticket.assigneeId})` : 'assignee is not set') : null;
    }
  }
}

/** Every condition, in order; null as soon as one does not hold, else what held. An empty list always holds. */
export function conditionsHold(conditions: readonly RuleCondition[], facts: RuleFacts, comparable: () => string): string[] | null {
  const matched: string[] = [];
  for (const condition of conditions) {
    const held = conditionHolds(condition, facts, comparable);
    if (held === null) return null;
    matched.push(held);
  }
  return matched;
}

/** The facts' comparable text, computed on first use only. */
export function lazyComparable(facts: Pick<RuleFacts, 'text'>): () => string {
  let text: string | undefined;
  return () => (text ??= comparableText(facts.text));
}
