import { KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { Ticket } from '@helpdesk/ticketing';
import { comparableText, conditionHolds, conditionsHold, lazyComparable } from './evaluate-rule';
import { RuleCondition } from './rule-condition';
import { RuleFacts } from './rule-facts';
import { foldRuleTicket, ruleFactsOf } from './rule-ticket';
import { pk, story } from './testing/ticket-story';

const ticket: Ticket = {
  id: 't1',
  number: 'HD-000007',
  subject: 'Cannot sign in',
  status: 'in_progress',
  priority: 'medium',
  category: 'incident',
  customer: { name: 'Ayesha Khan', email: 'ayesha@Mail.Example.PK', timezone: 'Asia/Karachi', language: 'ur' },
  assigneeId: 'agent-ali',
  team: null,
  acknowledged: true,
  resolvedAt: null,
  resolutionConfirmed: false,
  tags: ['vip', 'billing'],
};
/** Monday 2026-01-05 10:00 in Karachi: inside business hours. */
const facts = (over: Partial<Ticket> = {}, more: Partial<RuleFacts> = {}): RuleFacts => ({
  ticket: { ...ticket, ...over },
  channel: 'email',
  text: 'Cannot sign in\nThe login page says my password is wrong',
  at: pk('2026-01-05 10:00'),
  calendar: KARACHI_BUSINESS_HOURS,
  ...more,
});
const when = (condition: RuleCondition, given: RuleFacts = facts()) => conditionHolds(condition, given, lazyComparable(given));

describe('a ticket field is (not) one of the values', () => {
  it.each([
    ['channel', 'email', 'phone'],
    ['category', 'incident', 'alert'],
    ['priority', 'medium', 'high'],
    ['status', 'in_progress', 'new'],
    ['language', 'ur', 'en'],
  ] as const)('given %s %s, then "is" holds for it and "is_not" for others', (field, actual, other) => {
    expect(when({ field, op: 'is', values: [other, actual] })).toBe(`${field} is ${other}, ${actual} (it is ${actual})`);
    expect(when({ field, op: 'is', values: [other] })).toBeNull();
    expect(when({ field, op: 'is_not', values: [other] })).toBe(`${field} is not ${other} (it is ${actual})`);
    expect(when({ field, op: 'is_not', values: [actual] })).toBeNull();
  });
});

describe('the customer\'s email domain', () => {
  it('given ayesha@Mail.Example.PK, then the domain and its parents match whatever the case, and a look-alike does not', () => {
    expect(when({ field: 'customer_domain', op: 'is', values: ['example.pk'] })).toBe('customer domain is example.pk (it is mail.example.pk)');
    expect(when({ field: 'customer_domain', op: 'is', values: ['mail.example.pk'] })).not.toBeNull();
    expect(when({ field: 'customer_domain', op: 'is', values: ['ample.pk'] })).toBeNull();
    expect(when({ field: 'customer_domain', op: 'is', values: ['other.pk', 'pk'] })).not.toBeNull();
    expect(when({ field: 'customer_domain', op: 'is', values: ['other.example.pk'] })).toBeNull();
  });
  it('"is_not" holds exactly when "is" does not', () => {
    expect(when({ field: 'customer_domain', op: 'is_not', values: ['example.pk'] })).toBeNull();
    expect(when({ field: 'customer_domain', op: 'is_not', values: ['gmail.com'] })).toBe('customer domain is not gmail.com (it is mail.example.pk)');
  });
});

describe('tags', () => {
  it('given tags vip and billing, then has_any, has_all and has_none hold as they say', () => {
    expect(when({ field: 'tags', op: 'has_any', values: ['outage', 'vip'] })).toBe('tags has any of outage, vip (it has vip, billing)');
    expect(when({ field: 'tags', op: 'has_any', values: ['outage'] })).toBeNull();
    expect(when({ field: 'tags', op: 'has_all', values: ['billing', 'vip'] })).toBe('tags has all of billing, vip (it has vip, billing)');
    expect(when({ field: 'tags', op: 'has_all', values: ['vip', 'outage'] })).toBeNull();
    expect(when({ field: 'tags', op: 'has_none', values: ['outage', 'spam'] })).toBe('tags has none of outage, spam (it has vip, billing)');
    expect(when({ field: 'tags', op: 'has_none', values: ['spam', 'vip'] })).toBeNull();
  });
  it('given a ticket never tagged, then it has none of any tag and not any', () => {
    const untagged = facts({ tags: undefined });
    expect(when({ field: 'tags', op: 'has_none', values: ['vip'] }, untagged)).toBe('tags has none of vip (it has none)');
    expect(when({ field: 'tags', op: 'has_any', values: ['vip'] }, untagged)).toBeNull();
  });
});

describe('text contains', () => {
  const inText = (text: string, phrase: string) => when({ field: 'text', op: 'contains', values: [phrase] }, facts({}, { text }));
  it('given the subject or description, then a phrase in it holds whatever its case, naming the phrase', () => {
    expect(when({ field: 'text', op: 'contains', values: ['outage', 'PASSWORD'] })).toBe('text contains "PASSWORD"');
    expect(when({ field: 'text', op: 'contains', values: ['outage', 'refund'] })).toBeNull();
    expect(inText('Résumé upload FAILS', 'resume upload fails')).not.toBeNull();
  });
  it('matches Urdu with or without diacritics, either way round (کِتاب / کتاب)', () => {
    expect(inText('میری کِتاب نہیں ملی', 'کتاب')).not.toBeNull();
    expect(inText('میری کتاب نہیں ملی', 'کِتاب')).not.toBeNull();
  });
  it('matches the Arabic and the Urdu yeh and kaf as one letter (ميرا / میرا, كتاب / کتاب)', () => {
    expect(inText('ميرا اکاؤنٹ بند ہے', 'میرا')).not.toBeNull();
    expect(inText('میرا اکاؤنٹ بند ہے', 'ميرا')).not.toBeNull();
    expect(inText('كتاب', 'کتاب')).not.toBeNull();
    expect(inText('کتاب', 'كتاب')).not.toBeNull();
  });
  it('ignores spacing and zero-width joiners inside a compound (پاس ورڈ / پاسورڈ)', () => {
    expect(inText('میرا پاس ورڈ کام نہیں کر رہا', 'پاسورڈ')).not.toBeNull();
    expect(inText('میرا پاسورڈ کام نہیں کر رہا', 'پاس ورڈ')).not.toBeNull();
    expect(inText('میرا پاس\u200Cورڈ کام نہیں کر رہا', 'پاس ورڈ')).not.toBeNull();
  });
  it('does not hold for a word that is not there', () => expect(inText('میرا پاس ورڈ کام نہیں کر رہا', 'کتاب')).toBeNull());
  describe('given a ticket\'s facts as the rules build them', () => {
    const factsAfter = (s: ReturnType<typeof story>, at: string) => {
      const current = foldRuleTicket(s.events);
      return ruleFactsOf({ ...current, ticket: current.ticket! }, pk(at), KARACHI_BUSINESS_HOURS, s.events[s.events.length - 1]);
    };
    it('looks in the subject, the description and the triggering comment', () => {
      const s = story().submitted('2026-01-05 10:00', { subject: 'Sign-in trouble', description: 'Since the morning' }).assigned('2026-01-05 10:05');
      expect(when({ field: 'text', op: 'contains', values: ['sign in trouble'] }, factsAfter(s, '2026-01-05 10:05'))).not.toBeNull();
      expect(when({ field: 'text', op: 'contains', values: ['the morning'] }, factsAfter(s, '2026-01-05 10:05'))).not.toBeNull();
      expect(when({ field: 'text', op: 'contains', values: ['outage'] }, factsAfter(s, '2026-01-05 10:05'))).toBeNull();
      s.started('2026-01-05 10:10').customerWrote('2026-01-05 11:00', 'The whole office has an OUTAGE');
      expect(when({ field: 'text', op: 'contains', values: ['outage'] }, factsAfter(s, '2026-01-05 11:00'))).toBe('text contains "outage"');
    });
    it('does not run a phrase from the end of the subject into the description, though a line break inside the description is only spacing', () => {
      const s = story().submitted('2026-01-05 10:00', { subject: 'Refund', description: 'now please, my pass\nword' });
      expect(when({ field: 'text', op: 'contains', values: ['refund now'] }, factsAfter(s, '2026-01-05 10:00'))).toBeNull();
      expect(when({ field: 'text', op: 'contains', values: ['password'] }, factsAfter(s, '2026-01-05 10:00'))).not.toBeNull();
    });
  });
  it('normalises a phrase as it normalises the text', () => {
    expect(comparableText(' Pass  Word! ')).toBe('password');
    expect(comparableText('پاس ورڈ')).toBe(comparableText('پاسورڈ'));
  });
});

describe('business hours, by the Karachi calendar (Mon-Fri 09:00-13:00 and 14:00-18:00 PKT)', () => {
  const at = (local: string) => facts({}, { at: pk(local) });
  it.each(['2026-01-05 09:00', '2026-01-05 12:59', '2026-01-05 14:00', '2026-01-09 17:59'])('given %s (a working day, open), then inside holds and outside does not', (local) => {
    expect(when({ field: 'business_hours', op: 'inside' }, at(local))).toBe(`inside business hours (karachi-office, ${pk(local).toISOString()})`);
    expect(when({ field: 'business_hours', op: 'outside' }, at(local))).toBeNull();
  });
  it.each([
    ['before opening', '2026-01-05 08:59'],
    ['at lunch', '2026-01-05 13:30'],
    ['at closing', '2026-01-05 18:00'],
    ['on a Saturday', '2026-01-10 11:00'],
    ['on a Sunday', '2026-01-11 11:00'],
    ['on Kashmir Solidarity Day', '2026-02-05 11:00'],
  ])('given %s, then outside holds and inside does not', (_, local) => {
    expect(when({ field: 'business_hours', op: 'outside' }, at(local))).toBe(`outside business hours (karachi-office, ${pk(local).toISOString()})`);
    expect(when({ field: 'business_hours', op: 'inside' }, at(local))).toBeNull();
  });
});

describe('the assignee', () => {
  it('given an assignee, then is_set holds naming them; given none, is_not_set holds', () => {
    expect(when({ field: 'assignee', op: 'is_set' })).toBe('assignee is set (agent-ali)');
    expect(when({ field: 'assignee', op: 'is_not_set' })).toBeNull();
    expect(when({ field: 'assignee', op: 'is_not_set' }, facts({ assigneeId: null }))).toBe('assignee is not set');
    expect(when({ field: 'assignee', op: 'is_set' }, facts({ assigneeId: null }))).toBeNull();
  });
});

describe('all the conditions of a rule', () => {
  const all = (conditions: RuleCondition[], given = facts()) => conditionsHold(conditions, given, lazyComparable(given));
  it('given no conditions, then they hold, with nothing to say', () => expect(all([])).toEqual([]));
  it('given conditions that all hold, then what held, in their order', () =>
    expect(all([{ field: 'priority', op: 'is', values: ['medium'] }, { field: 'assignee', op: 'is_set' }])).toEqual(['priority is medium (it is medium)', 'assignee is set (agent-ali)']));
  it('given one that does not hold, then none is reported', () =>
    expect(all([{ field: 'priority', op: 'is', values: ['medium'] }, { field: 'channel', op: 'is', values: ['web'] }])).toBeNull());
  it('normalises the text once however many conditions read it, and not at all when none does', () => {
    let reads = 0;
    const counted = { ...facts(), get text() {
      reads++;
      return 'Cannot sign in';
    } };
    const comparable = lazyComparable(counted);
    expect(conditionsHold([{ field: 'priority', op: 'is', values: ['medium'] }], counted, comparable)).not.toBeNull();
    expect(reads).toBe(0);
    conditionsHold([{ field: 'text', op: 'contains', values: ['sign'] }, { field: 'text', op: 'contains', values: ['cannot'] }], counted, comparable);
    expect(reads).toBe(1);
  });
});
