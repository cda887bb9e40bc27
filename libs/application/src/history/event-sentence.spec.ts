import { RuleFiring } from '@helpdesk/ticketing';
import { eventSentence } from './event-sentence';

const supervisor = { id: 'sup-sana', role: 'supervisor' };
const automation = { id: 'automation', role: 'system' };
const event = (type: string, data: object, actor: object = supervisor) => ({ type, data: data as Record<string, unknown>, metadata: { actor } });

const firing: RuleFiring = {
  ruleId: 'rule-1',
  ruleName: 'Urgent outages',
  ruleVersion: 3,
  trigger: { kind: 'event', eventId: 'e-1', eventType: 'TicketSubmitted' },
  matched: ['category is incident', 'subject contains "down"'],
  actions: ['priority set to high', 'routed to team Network'],
  depth: 1,
  outcome: 'applied',
  reason: null,
  notify: [],
};

describe('history sentences: a team change', () => {
  it('says where the ticket went, from where and why, in English and Urdu', () => {
    const moved = event('TicketTeamChanged', { team: 'Network', previousTeam: 'Billing', reason: 'rule: Urgent outages' });
    expect(eventSentence(moved)).toBe('Supervisor sup-sana routed the ticket to team Network (was Billing): rule: Urgent outages.');
    expect(eventSentence(moved, 'ur')).toBe('نگران sup-sana نے ٹکٹ ٹیم Network کو بھیجا (پہلے Billing): rule: Urgent outages۔');
  });
  it('says a ticket was taken off its team', () => {
    const off = event('TicketTeamChanged', { team: null, previousTeam: 'Billing', reason: null });
    expect(eventSentence(off)).toBe('Supervisor sup-sana took the ticket off team Billing.');
    expect(eventSentence(off, 'ur')).toBe('نگران sup-sana نے ٹکٹ ٹیم Billing سے ہٹایا۔');
  });
  it('routes a ticket with no team before without a "was"', () => {
    expect(eventSentence(event('TicketTeamChanged', { team: 'Billing', previousTeam: null, reason: null }))).toBe('Supervisor sup-sana routed the ticket to team Billing.');
  });
});

describe('history sentences: a rule firing', () => {
  it('names the rule and its version, what set it off, the conditions that held and what it did', () => {
    expect(eventSentence(event('RuleFired', firing, automation))).toBe(
      'Rule “Urgent outages” (v3) fired on TicketSubmitted: category is incident, subject contains "down" → priority set to high; routed to team Network.',
    );
    expect(eventSentence(event('RuleFired', firing, automation), 'ur')).toBe(
      'قاعدہ “Urgent outages” (v3) TicketSubmitted پر چلا: category is incident, subject contains "down" ← priority set to high; routed to team Network',
    );
  });
  it('names the clock of a time-based rule, and says when a rule has no conditions', () => {
    const timed: RuleFiring = { ...firing, trigger: { kind: 'time', clock: 'waiting_on_customer', since: '2026-01-05T06:00:00.000Z', dueAt: '2026-01-06T06:00:00.000Z' }, matched: [], actions: ['added an internal note'] };
    expect(eventSentence(event('RuleFired', timed, automation))).toBe('Rule “Urgent outages” (v3) fired on the waiting on customer clock: no conditions → added an internal note.');
    expect(eventSentence(event('RuleFired', timed, automation), 'ur')).toBe('قاعدہ “Urgent outages” (v3) “waiting on customer” کی مدت پوری ہونے پر چلا: بغیر شرط ← added an internal note');
  });
  it('says a firing stopped by the loop bound did nothing, and why', () => {
    const reason = 'Stopped: 5 rule firings in a row led here (at most 5); the rules set each other off. It would have: priority set to low.';
    const stopped: RuleFiring = { ...firing, trigger: { kind: 'event', eventId: 'e-9', eventType: 'TicketPrioritized' }, matched: ['priority is high'], actions: ['priority set to low'], depth: 6, outcome: 'loop_stopped', reason };
    expect(eventSentence(event('RuleFired', stopped, automation))).toBe(`Rule “Urgent outages” (v3) fired on TicketPrioritized: priority is high → nothing done. ${reason}`);
    expect(eventSentence(event('RuleFired', stopped, automation), 'ur')).toBe(`قاعدہ “Urgent outages” (v3) TicketPrioritized پر چلا: priority is high ← روک دیا گیا، کچھ نہیں کیا گیا۔ ${reason}`);
  });
});
