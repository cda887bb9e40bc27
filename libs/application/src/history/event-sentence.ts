import { StoredEvent } from '@helpdesk/event-store';
import { Actor } from '@helpdesk/ticketing';

export type HistoryLanguage = 'en' | 'ur';

type Data = Record<string, unknown>;
type Sentences = Record<string, (who: string, d: Data) => string>;

const ROLE: Record<HistoryLanguage, Record<string, string>> = {
  en: { customer: 'customer', agent: 'agent', supervisor: 'supervisor', auditor: 'auditor', analyst: 'analyst', admin: 'admin', system: 'system' },
  ur: { customer: 'صارف', agent: 'ایجنٹ', supervisor: 'نگران', auditor: 'آڈیٹر', analyst: 'تجزیہ کار', admin: 'منتظم', system: 'سسٹم' },
};

/** "tagged the ticket a, b and removed c", in either language's words. */
function tagChange(d: Data, added: string, removed: string, andRemoved: string): string {
  const list = (tags: unknown) => (Array.isArray(tags) ? tags.join(', ') : '');
  const add = list(d.added);
  const remove = list(d.removed);
  if (add && remove) return `${added} ${add} ${andRemoved} ${remove}`;
  return add ? `${added} ${add}` : `${removed} ${remove}`;
}

/** "routed the ticket to team X (was Y): why" or "took the ticket off team Y", in either language's words. */
function teamChange(d: Data, words: { to: (team: string) => string; off: (team: string) => string; was: (team: string) => string }): string {
  const reason = d.reason ? `: ${d.reason}` : '';
  if (d.team === null || d.team === undefined) return `${words.off(String(d.previousTeam ?? ''))}${reason}`;
  return `${words.to(String(d.team))}${d.previousTeam ? ` ${words.was(String(d.previousTeam))}` : ''}${reason}`;
}

const list = (items: unknown, separator: string) => (Array.isArray(items) ? items.map(String).join(separator) : '');

/**
 * A rule firing: which rule in which version, what set it off, the conditions that held and what
 * it did; a firing the loop bound stopped says so and why. The conditions, actions and reason are
 * recorded in English words by the rule engine and are shown as recorded.
 */
function ruleFired(d: Data, language: HistoryLanguage): string {
  const trigger = (d.trigger ?? {}) as { kind?: string; eventType?: string; clock?: string };
  const clock = String(trigger.clock ?? '').replace(/_/g, ' ');
  const rule = `“${d.ruleName}” (v${d.ruleVersion})`;
  const matched = list(d.matched, ', ');
  const actions = list(d.actions, '; ');
  if (language === 'ur') {
    const on = trigger.kind === 'time' ? `“${clock}” کی مدت پوری ہونے پر` : `${trigger.eventType} پر`;
    const why = matched || 'بغیر شرط';
    if (d.outcome === 'loop_stopped') return `قاعدہ ${rule} ${on} چلا: ${why} ← روک دیا گیا، کچھ نہیں کیا گیا۔ ${d.reason ?? 'قواعد کا سلسلہ روک دیا گیا۔'}`;
    return `قاعدہ ${rule} ${on} چلا: ${why} ← ${actions}`;
  }
  const on = trigger.kind === 'time' ? `the ${clock} clock` : String(trigger.eventType);
  const why = matched || 'no conditions';
  if (d.outcome === 'loop_stopped') return `Rule ${rule} fired on ${on}: ${why} → nothing done. ${d.reason ?? 'The chain of rule firings was stopped.'}`;
  return `Rule ${rule} fired on ${on}: ${why} → ${actions}.`;
}

const EN: Sentences = {
  TicketSubmitted: (who, d) => `${who} submitted ticket ${d.number} “${d.subject}” by ${d.channel}.`,
  TicketAssigned: (who, d) => `${who} assigned the ticket to ${d.agentId}${d.previousAgentId ? ` (was ${d.previousAgentId})` : ''}${d.reason ? `: ${d.reason}` : ''}.`,
  AssignmentAcknowledged: (who) => `${who} acknowledged the assignment.`,
  TicketPrioritized: (who, d) => `${who} changed the priority from ${d.previousPriority} to ${d.priority}${d.reason ? `: ${d.reason}` : ''}.`,
  TicketCategorized: (who, d) => `${who} changed the category from ${d.previousCategory} to ${d.category}.`,
  TicketTagsChanged: (who, d) => `${who} ${tagChange(d, 'tagged the ticket', 'removed the tags', 'and removed')}.`,
  TicketTeamChanged: (who, d) => `${who} ${teamChange(d, { to: (team) => `routed the ticket to team ${team}`, off: (team) => `took the ticket off team ${team}`, was: (team) => `(was ${team})` })}.`,
  RuleFired: (_who, d) => ruleFired(d, 'en'),
  WorkStarted: (who) => `${who} started work.`,
  CommentAdded: (who, d) => `${who} added ${d.visibility === 'internal' ? 'an internal note' : 'a public reply'}.`,
  WaitingOnCustomer: (who) => `${who} put the ticket on hold, waiting on the customer.`,
  WorkResumed: (who, d) => (d.reason === 'customer_replied' ? `The customer replied; work resumed.` : `${who} resumed work.`),
  TicketResolved: (who, d) => `${who} resolved the ticket: ${d.resolution}`,
  ResolutionConfirmed: (who) => `${who} confirmed the resolution.`,
  ResolutionRejected: (who, d) => `${who} rejected the resolution: ${d.reason}`,
  TicketReopened: (who, d) => `${who} reopened the ticket: ${d.reason}`,
  TicketClosed: (who, d) => (d.reason === 'confirmed' ? `${who} closed the ticket after the customer confirmed.` : `${who} closed the ticket; the customer did not answer in time.`),
  SatisfactionOffered: () => `The customer was asked to rate the resolution.`,
  SatisfactionRated: (who, d) => `${who} rated the resolution ${d.score} of 5${d.previousScore ? ` (was ${d.previousScore})` : ''}.`,
  SatisfactionOfferVoided: () => `The request for a rating was withdrawn: the ticket was reopened first.`,
  AutoCloseReminded: () => `The customer was reminded that the ticket closes without an answer.`,
};

const UR: Sentences = {
  TicketSubmitted: (who, d) => `${who} نے ${d.channel} کے ذریعے ٹکٹ ${d.number} “${d.subject}” جمع کرایا۔`,
  TicketAssigned: (who, d) => `${who} نے ٹکٹ ${d.agentId} کے سپرد کیا${d.previousAgentId ? ` (پہلے ${d.previousAgentId})` : ''}${d.reason ? `: ${d.reason}` : ''}۔`,
  AssignmentAcknowledged: (who) => `${who} نے تفویض کی تصدیق کی۔`,
  TicketPrioritized: (who, d) => `${who} نے ترجیح ${d.previousPriority} سے ${d.priority} کر دی${d.reason ? `: ${d.reason}` : ''}۔`,
  TicketCategorized: (who, d) => `${who} نے زمرہ ${d.previousCategory} سے ${d.category} کر دیا۔`,
  TicketTagsChanged: (who, d) => `${who} نے ${tagChange(d, 'ٹیگ لگائے', 'ٹیگ ہٹائے', 'اور ہٹائے')}۔`,
  TicketTeamChanged: (who, d) => `${who} نے ${teamChange(d, { to: (team) => `ٹکٹ ٹیم ${team} کو بھیجا`, off: (team) => `ٹکٹ ٹیم ${team} سے ہٹایا`, was: (team) => `(پہلے ${team})` })}۔`,
  RuleFired: (_who, d) => ruleFired(d, 'ur'),
  WorkStarted: (who) => `${who} نے کام شروع کیا۔`,
  CommentAdded: (who, d) => `${who} نے ${d.visibility === 'internal' ? 'اندرونی نوٹ' : 'عوامی جواب'} شامل کیا۔`,
  WaitingOnCustomer: (who) => `${who} نے ٹکٹ صارف کے جواب کے انتظار میں روک دیا۔`,
  WorkResumed: (who, d) => (d.reason === 'customer_replied' ? `صارف نے جواب دیا؛ کام دوبارہ شروع ہوا۔` : `${who} نے کام دوبارہ شروع کیا۔`),
  TicketResolved: (who, d) => `${who} نے ٹکٹ حل کیا: ${d.resolution}`,
  ResolutionConfirmed: (who) => `${who} نے حل کی تصدیق کی۔`,
  ResolutionRejected: (who, d) => `${who} نے حل مسترد کیا: ${d.reason}`,
  TicketReopened: (who, d) => `${who} نے ٹکٹ دوبارہ کھولا: ${d.reason}`,
  TicketClosed: (who, d) => (d.reason === 'confirmed' ? `صارف کی تصدیق کے بعد ${who} نے ٹکٹ بند کیا۔` : `صارف کے بروقت جواب نہ دینے پر ${who} نے ٹکٹ بند کیا۔`),
  SatisfactionOffered: () => `صارف سے حل کی درجہ بندی کرنے کو کہا گیا۔`,
  SatisfactionRated: (who, d) => `${who} نے حل کو 5 میں سے ${d.score} درجہ دیا${d.previousScore ? ` (پہلے ${d.previousScore})` : ''}۔`,
  SatisfactionOfferVoided: () => `درجہ بندی کی درخواست واپس لے لی گئی: ٹکٹ پہلے ہی دوبارہ کھول دیا گیا۔`,
  AutoCloseReminded: () => `صارف کو یاد دلایا گیا کہ جواب نہ ملنے پر ٹکٹ بند ہو جائے گا۔`,
};

/** One event as a sentence a person reads, in English or Urdu; unknown types are named plainly. */
export function eventSentence(event: Pick<StoredEvent, 'type' | 'data' | 'metadata'>, language: HistoryLanguage = 'en'): string {
  const actor = event.metadata.actor as Actor | undefined;
  const role = actor ? (ROLE[language][actor.role] ?? actor.role) : ROLE[language].system;
  const who = actor ? `${role} ${actor.id}` : role;
  const sentence = (language === 'ur' ? UR : EN)[event.type];
  const capitalised = (s: string) => (language === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s);
  return sentence ? capitalised(sentence(who, event.data)) : language === 'ur' ? `${who}: ${event.type}` : `${capitalised(who)}: ${event.type}.`;
}
