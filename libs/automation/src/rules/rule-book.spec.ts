import { KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { Ticket } from '@helpdesk/ticketing';
import { RuleBook, timeRuleHolds } from './rule-book';
import { RuleFacts } from './rule-facts';
import { aRule, pk } from './testing/ticket-story';

const ticket: Ticket = {
  id: 't1',
  number: 'HD-000007',
  subject: 'Outage in Lahore',
  status: 'new',
  priority: 'medium',
  category: 'alert',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'en' },
  assigneeId: null,
  team: null,
  acknowledged: false,
  resolvedAt: null,
  resolutionConfirmed: false,
};
const facts: RuleFacts = { ticket, channel: 'web', text: 'Outage in Lahore', at: pk('2026-01-05 10:00'), calendar: KARACHI_BUSINESS_HOURS };

const alerts = aRule('alerts', { events: ['TicketSubmitted', 'TicketCategorized'], conditions: [{ field: 'category', op: 'is', values: ['alert'] }] }, { order: 20 });
const outage = aRule('outage', { events: ['TicketSubmitted'], conditions: [{ field: 'text', op: 'contains', values: ['outage'] }] }, { order: 5 });
const sameOrder = aRule('a-first', { events: ['TicketSubmitted'] }, { order: 20 });
const emails = aRule('emails', { events: ['TicketSubmitted'], conditions: [{ field: 'channel', op: 'is', values: ['email'] }] }, { order: 1 });
const draft = aRule('draft', { events: ['TicketSubmitted', 'CommentAdded'] }, { enabled: false, order: 0 });
const stale = aRule('stale', { events: null, schedule: { clock: 'unassigned', amount: 30, unit: 'minutes' }, conditions: [{ field: 'priority', op: 'is', values: ['high'] }] });
const onHold = aRule('on-hold', { events: null, schedule: { clock: 'waiting_on_customer', amount: 2, unit: 'business_hours' } });

describe('RuleBook', () => {
  const book = new RuleBook([alerts, outage, sameOrder, emails, draft, stale, onHold]);

  it('given an event type some enabled trigger waits for, then it waits for it; else not', () => {
    expect(book.waitsFor('TicketSubmitted')).toBe(true);
    expect(book.waitsFor('TicketCategorized')).toBe(true);
    expect(book.waitsFor('TicketAssigned')).toBe(false);
  });
  it('ignores disabled rules: an event only a draft waits for is waited for by no one', () => {
    expect(book.waitsFor('CommentAdded')).toBe(false);
    expect(book.triggered('CommentAdded', facts)).toEqual([]);
  });
  it('given an event, then the triggers whose conditions hold, by order and then by id, with what held', () =>
    expect(book.triggered('TicketSubmitted', facts).map(({ rule, matched }) => [rule.id, matched])).toEqual([
      ['outage', ['text contains "outage"']],
      ['a-first', []],
      ['alerts', ['category is alert (it is alert)']],
    ]));
  it('checks an event only against the triggers that wait for its type', () => expect(book.triggered('TicketCategorized', facts).map((m) => m.rule.id)).toEqual(['alerts']));
  it('given an event no trigger waits for, then nothing', () => expect(book.triggered('TicketResolved', facts)).toEqual([]));
  it('keeps time-based rules apart, by the clock they wait on', () => {
    expect(book.timeRules.map((r) => r.id)).toEqual(['on-hold', 'stale']);
    expect(book.onClock('unassigned').map((r) => r.id)).toEqual(['stale']);
    expect(book.onClock('waiting_on_customer').map((r) => r.id)).toEqual(['on-hold']);
    expect(book.onClock('resolved_unanswered')).toEqual([]);
  });
  it('given a disabled time-based rule, then it is not on any clock', () => expect(new RuleBook([{ ...stale, enabled: false }]).onClock('unassigned')).toEqual([]));
  it('given a time-based rule, then its conditions are judged on the facts when the clock runs out', () => {
    expect(timeRuleHolds(stale, facts)).toBeNull();
    expect(timeRuleHolds(stale, { ...facts, ticket: { ...ticket, priority: 'high' } })).toEqual(['priority is high (it is high)']);
    expect(timeRuleHolds(onHold, facts)).toEqual([]);
  });
});
