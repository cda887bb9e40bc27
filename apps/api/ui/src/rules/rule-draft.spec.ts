import { RuleBody } from '../api/types';
import { bodyOf, draftOf, emptyDraft, newAction, newCondition, withField } from './rule-draft';

// The domain's rule module reaches libraries this tsconfig does not map: loaded at run time only.
const { validRuleContent } = jest.requireActual<{ validRuleContent(body: RuleBody): RuleBody }>('../../../../../libs/automation/src/rules/rule');

const trigger: RuleBody = {
  name: 'Refunds to billing',
  description: 'Money questions go to the billing team.',
  events: ['TicketSubmitted', 'CommentAdded'],
  schedule: null,
  conditions: [
    { field: 'text', op: 'contains', values: ['refund', 'واپسی'] },
    { field: 'priority', op: 'is_not', values: ['high'] },
    { field: 'customer_domain', op: 'is', values: ['example.pk'] },
    { field: 'business_hours', op: 'outside' },
  ],
  actions: [
    { type: 'set_priority', priority: 'high' },
    { type: 'add_tags', tags: ['billing', 'refund'] },
    { type: 'set_team', team: 'billing' },
    { type: 'public_reply', text: { en: 'Dear {{customer.name}}, billing has {{ticket.number}}.', ur: 'بلنگ کے پاس {{ticket.number}} ہے۔' } },
    { type: 'notify', to: 'lead@helpdesk.test', subject: 'Refund: {{ticket.number}}', text: { en: 'A refund came in.', ur: null } },
  ],
};

const timed: RuleBody = {
  name: 'Chase unassigned',
  description: null,
  events: null,
  schedule: { clock: 'unassigned', amount: 2, unit: 'business_hours' },
  conditions: [{ field: 'assignee', op: 'is_not_set' }],
  actions: [{ type: 'route' }, { type: 'set_team', team: null }, { type: 'notify', to: 'assignee', subject: 'Waiting', text: { en: 'Still waiting.', ur: null } }],
};

describe('the rule editor’s draft', () => {
  it.each([trigger, timed])('holds a stored rule as it was: $name', (body) => {
    expect(bodyOf(draftOf(body))).toEqual(body);
  });

  it('writes what the domain takes: trimmed lists, an empty team as none, Urdu left out as null', () => {
    const draft = emptyDraft();
    draft.name = '  Outage  ';
    draft.conditions = [{ ...withField(newCondition(), 'tags'), op: 'has_any', list: ' vip , ,outage ' }];
    draft.actions = [{ ...newAction('add_tags'), tags: 'outage' }, { ...newAction('set_team'), team: '  ' }, { ...newAction('internal_note'), en: 'Look', ur: '  ' }];
    const body = bodyOf(draft);
    expect(body).toEqual({
      name: 'Outage',
      description: null,
      events: ['TicketSubmitted'],
      schedule: null,
      conditions: [{ field: 'tags', op: 'has_any', values: ['vip', 'outage'] }],
      actions: [{ type: 'add_tags', tags: ['outage'] }, { type: 'set_team', team: null }, { type: 'internal_note', text: { en: 'Look', ur: null } }],
    });
    expect(validRuleContent(body)).toEqual(body);
  });

  it('a time-based draft names its clock and no events', () => {
    const draft = { ...emptyDraft(), name: 'Nudge', kind: 'time' as const, clock: 'waiting_on_customer' as const, amount: '3', unit: 'days' as const };
    expect(bodyOf(draft)).toMatchObject({ events: null, schedule: { clock: 'waiting_on_customer', amount: 3, unit: 'days' } });
  });

  it('a new field starts from its own first operator and no values', () => {
    const row = { ...newCondition('priority'), choices: ['high'] };
    expect(withField(row, 'assignee')).toMatchObject({ field: 'assignee', op: 'is_set', choices: [], list: '' });
  });
});
