import { Actor } from '@helpdesk/ticketing';
import { decideRule } from './decide-rule';
import { RuleContent } from './rule';
import { RuleCommand } from './rule-commands';
import { RuleError, RuleErrorCode } from './rule-error';
import { RuleEvent } from './rule-events';
import { byRuleOrder, foldRule } from './rule-state';

const supervisor: Actor = { id: 'sup-sana', role: 'supervisor' };
const admin: Actor = { id: 'admin-1', role: 'admin' };
const agent: Actor = { id: 'agent-ali', role: 'agent' };

const content: RuleContent = {
  name: 'Outage alerts',
  description: 'Alerts from monitoring go to the on-call team.',
  events: ['TicketSubmitted'],
  schedule: null,
  conditions: [
    { field: 'category', op: 'is', values: ['alert', 'emergency'] },
    { field: 'text', op: 'contains', values: ['outage', 'بند'] },
  ],
  actions: [
    { type: 'set_priority', priority: 'high' },
    { type: 'set_team', team: 'on-call' },
    { type: 'notify', to: 'oncall@example.pk', subject: 'Outage: {{ticket.number}}', text: { en: '{{ticket.subject}} from {{customer.name}}', ur: null } },
  ],
};
const created: RuleEvent = { type: 'RuleCreated', data: { ruleId: 'r1', version: 1, content, order: 10 } };
const enabled: RuleEvent = { type: 'RuleEnabled', data: { version: 1 } };
const create = (c: Partial<RuleContent> | Record<string, unknown>, extra: { enabled?: boolean; order?: number } = {}): RuleCommand => ({
  type: 'CreateRule',
  data: { ruleId: 'r1', content: { ...content, ...c } as RuleContent, order: extra.order ?? 10, enabled: extra.enabled ?? false },
});

function given(...history: RuleEvent[]) {
  return {
    when(command: RuleCommand, actor: Actor = supervisor) {
      const run = () => decideRule(command, foldRule(history), { actor });
      return {
        then: (expected: RuleEvent[]) => expect(run()).toEqual(expected),
        thenFails(code: RuleErrorCode, message?: RegExp) {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(RuleError);
          expect((error as RuleError).code).toBe(code);
          if (message) expect((error as RuleError).message).toMatch(message);
        },
      };
    },
  };
}

describe('CreateRule', () => {
  it('records a draft (disabled) first version, trimmed', () =>
    given()
      .when(create({ name: '  Outage alerts ', description: '  Alerts from monitoring go to the on-call team.  ' }))
      .then([created]));
  it('records it enabled when asked, in the same decision', () => given().when(create({}, { enabled: true })).then([created, enabled]));
  it('leaves a new rule disabled unless asked', () => expect(foldRule([created])).toMatchObject({ id: 'r1', version: 1, enabled: false, order: 10 }));
  it('records a time-based rule with its schedule and no events', () => {
    const timed = { events: [], schedule: { clock: 'unassigned' as const, amount: 30, unit: 'minutes' as const } };
    given()
      .when(create(timed))
      .then([{ type: 'RuleCreated', data: { ruleId: 'r1', version: 1, order: 10, content: { ...content, events: null, schedule: { clock: 'unassigned', amount: 30, unit: 'minutes' } } } }]);
  });
  it('normalises what it stores: events once each, domains lower-cased without @, tags as tags, an empty description as none', () => {
    const messy = {
      description: '   ',
      events: ['TicketSubmitted', 'CommentAdded', 'TicketSubmitted'],
      conditions: [
        { field: 'customer_domain', op: 'is', values: ['@Example.PK', 'example.pk'] },
        { field: 'tags', op: 'has_any', values: ['VIP Customer'] },
        { field: 'business_hours', op: 'outside', values: ['ignored'] },
      ],
      actions: [{ type: 'add_tags', tags: ['Outage', 'outage'] }, { type: 'notify', to: ' OnCall@Example.PK ', subject: ' Hi ', text: { en: ' x ', ur: '  ' } }],
    };
    given()
      .when(create(messy))
      .then([
        {
          type: 'RuleCreated',
          data: {
            ruleId: 'r1',
            version: 1,
            order: 10,
            content: {
              name: 'Outage alerts',
              description: null,
              events: ['TicketSubmitted', 'CommentAdded'],
              schedule: null,
              conditions: [
                { field: 'customer_domain', op: 'is', values: ['example.pk'] },
                { field: 'tags', op: 'has_any', values: ['vip-customer'] },
                { field: 'business_hours', op: 'outside' },
              ],
              actions: [
                { type: 'add_tags', tags: ['outage'] },
                { type: 'notify', to: 'oncall@example.pk', subject: 'Hi', text: { en: 'x', ur: null } },
              ],
            },
          },
        },
      ]);
  });
  it('is for supervisors and admins (and the system), not agents', () => {
    given().when(create({}), agent).thenFails('not_allowed', /Supervisors and admins/);
    given().when(create({}), admin).then([created]);
    given().when(create({}), { id: 'system', role: 'system' }).then([created]);
  });
  it('refuses an id already taken', () => given(created).when(create({})).thenFails('illegal_transition', /r1 already exists/));
  it('refuses an order that is not a whole number from 0 to 1000000', () => {
    for (const order of [-1, 1.5, 1_000_001, Number.NaN]) given().when(create({}, { order })).thenFails('invalid_command', /order: a whole number from 0 to 1000000/);
    given().when(create({}, { order: 0 })).then([{ ...created, data: { ...created.data, order: 0 } } as RuleEvent]);
  });
});

describe('validRuleContent: a refusal names the problem', () => {
  const refuses = (c: Record<string, unknown>, message: RegExp) => given().when(create(c)).thenFails('invalid_command', message);

  it('a rule at all', () => given().when({ type: 'CreateRule', data: { ruleId: 'r1', content: null as unknown as RuleContent, order: 1, enabled: false } }).thenFails('invalid_command', /A rule has a name/));
  it('a description of at most 2000 characters, not cut short in silence', () => refuses({ description: 'x'.repeat(2001) }, /description: at most 2000 characters/));
  it('a name of 1-100 characters', () => {
    refuses({ name: '   ' }, /name: 1-100 characters/);
    refuses({ name: 'x'.repeat(101) }, /name: 1-100 characters/);
  });
  it('events or a schedule, exactly one', () => {
    refuses({ events: ['TicketSubmitted'], schedule: { clock: 'unassigned', amount: 1, unit: 'hours' } }, /either waits for ticket events \(events\) or for a clock \(schedule\): give exactly one/);
    refuses({ events: null, schedule: null }, /give exactly one/);
    refuses({ events: [], schedule: null }, /give exactly one/);
  });
  it('an event a rule can wait for: not a rule\'s own record, not an unknown name', () => {
    refuses({ events: ['TicketExploded'] }, /events: "TicketExploded" is not an event a rule can wait for; use TicketSubmitted, .*SlaBreached/);
    refuses({ events: ['RuleFired'] }, /events: "RuleFired" is not an event a rule can wait for/);
    given().when(create({ events: ['SlaBreached', 'SlaWarningIssued'] })).then([{ ...created, data: { ...created.data, content: { ...content, events: ['SlaBreached', 'SlaWarningIssued'] } } } as RuleEvent]);
  });
  it('a known clock, unit, and a whole amount within the unit\'s bound', () => {
    const schedule = (s: Record<string, unknown>) => ({ events: null, schedule: { clock: 'unassigned', amount: 1, unit: 'hours', ...s } });
    refuses(schedule({ clock: 'overdue' }), /schedule\.clock: one of waiting_on_customer, unassigned, resolved_unanswered/);
    refuses(schedule({ unit: 'weeks' }), /schedule\.unit: one of minutes, hours, days, business_hours/);
    refuses(schedule({ amount: 0 }), /schedule\.amount: a whole number of hours from 1 to 8760/);
    refuses(schedule({ amount: 2.5 }), /schedule\.amount: a whole number of hours/);
    refuses(schedule({ amount: 366, unit: 'days' }), /schedule\.amount: a whole number of days from 1 to 365/);
    refuses(schedule({ amount: '3', unit: 'business_hours' }), /schedule\.amount: a whole number of business hours from 1 to 8760/);
  });
  it('a known condition field, and an operator that field takes', () => {
    refuses({ conditions: [{ field: 'mood', op: 'is', values: ['angry'] }] }, /conditions\[0\]\.field: one of channel, category, priority, status, language, customer_domain, tags, text, business_hours, assignee/);
    refuses({ conditions: [{ field: 'priority', op: 'is', values: ['high'] }, { field: 'text', op: 'is', values: ['x'] }] }, /conditions\[1\]\.op: text takes contains/);
    refuses({ conditions: [{ field: 'tags', op: 'is', values: ['vip'] }] }, /conditions\[0\]\.op: tags takes has_any, has_all, has_none/);
    refuses({ conditions: [null] }, /conditions\[0\]\.field/);
  });
  it('values from the field\'s own set, 1-50 of them', () => {
    refuses({ conditions: [{ field: 'priority', op: 'is', values: ['urgent'] }] }, /conditions\[0\]\.values: "urgent" is not one of low, medium, high/);
    refuses({ conditions: [{ field: 'channel', op: 'is_not', values: ['fax'] }] }, /"fax" is not one of web, email, phone, api/);
    refuses({ conditions: [{ field: 'status', op: 'is', values: ['open'] }] }, /"open" is not one of new, assigned, in_progress, waiting_on_customer, resolved, closed/);
    refuses({ conditions: [{ field: 'language', op: 'is', values: ['fr'] }] }, /"fr" is not one of en, ur, other/);
    refuses({ conditions: [{ field: 'category', op: 'is', values: [] }] }, /conditions\[0\]\.values: 1-50 values/);
    refuses({ conditions: [{ field: 'text', op: 'contains', values: ['  '] }] }, /conditions\[0\]\.values: each value is 1-200 characters/);
  });
  it('a text phrase that has letters or digits to look for', () =>
    refuses({ conditions: [{ field: 'text', op: 'contains', values: ['outage', '?!'] }] }, /conditions\[0\]\.values: "\?!" has no letters or digits to look for/));
  it('a domain, not an address or a word', () => {
    refuses({ conditions: [{ field: 'customer_domain', op: 'is', values: ['localhost'] }] }, /conditions\[0\]\.values: "localhost" is not a domain \(example\.pk\)/);
    refuses({ conditions: [{ field: 'customer_domain', op: 'is', values: ['ayesha@example.pk'] }] }, /"ayesha@example\.pk" is not a domain/);
  });
  it('tags that are tags, in conditions and actions', () => {
    refuses({ conditions: [{ field: 'tags', op: 'has_all', values: ['a;b'] }] }, /conditions\[0\]\.values: "a;b" is not a tag/);
    refuses({ actions: [{ type: 'add_tags', tags: ['-vip'] }] }, /actions\[0\]\.tags: "-vip" is not a tag/);
    refuses({ actions: [{ type: 'remove_tags', tags: [] }] }, /actions\[0\]\.tags: at least one tag/);
  });
  it('placeholders it can fill, in replies, notes and notification subjects', () => {
    refuses({ actions: [{ type: 'public_reply', text: { en: 'Hi {{customer.phone}}', ur: null } }] }, /actions\[0\]\.text\.en: \{\{customer\.phone\}\} is not a placeholder; use \{\{customer\.name\}\}, \{\{ticket\.number\}\}/);
    refuses({ actions: [{ type: 'internal_note', text: { en: 'ok', ur: '{{agent.name}} صاحب' } }] }, /actions\[0\]\.text\.ur: \{\{agent\.name\}\} is not a placeholder/);
    refuses({ actions: [{ type: 'notify', to: 'assignee', subject: 'About {{ticket.id}}', text: { en: 'x', ur: null } }] }, /actions\[0\]\.subject: \{\{ticket\.id\}\} is not a placeholder/);
  });
  it('at least one action, at most ten, each of a known type and shape', () => {
    refuses({ actions: [] }, /actions: 1-10 actions/);
    refuses({ actions: Array.from({ length: 11 }, () => ({ type: 'route' })) }, /actions: 1-10 actions/);
    refuses({ actions: [{ type: 'close' }] }, /actions\[0\]\.type: one of set_priority, set_category, set_team, add_tags, remove_tags, assign, route, internal_note, public_reply, notify/);
    refuses({ actions: [{ type: 'set_priority', priority: 'urgent' }] }, /actions\[0\]\.priority: one of low, medium, high/);
    refuses({ actions: [{ type: 'set_category', category: 'spam' }] }, /actions\[0\]\.category: one of emergency/);
    refuses({ actions: [{ type: 'set_team', team: ' ' }] }, /actions\[0\]\.team: a team name of 1-60 characters, or null/);
    refuses({ actions: [{ type: 'assign', agentId: '' }] }, /actions\[0\]\.agentId/);
    refuses({ actions: [{ type: 'public_reply', text: { en: ' ', ur: 'صرف اردو' } }] }, /actions\[0\]\.text\.en: the English text is required/);
  });
  it('notifications to "assignee" or an email address, with a subject', () => {
    refuses({ actions: [{ type: 'notify', to: 'the boss', subject: 'x', text: { en: 'x', ur: null } }] }, /actions\[0\]\.to: "assignee" or an email address/);
    refuses({ actions: [{ type: 'notify', to: 'oncall@localhost', subject: 'x', text: { en: 'x', ur: null } }] }, /actions\[0\]\.to: "assignee" or an email address/);
    refuses({ actions: [{ type: 'notify', to: 'assignee', subject: ' ', text: { en: 'x', ur: null } }] }, /actions\[0\]\.subject: 1-200 characters/);
  });
});

describe('ChangeRule', () => {
  const changed: RuleContent = { ...content, actions: [{ type: 'set_priority', priority: 'high' }] };
  it('records the next version with its whole content', () => given(created).when({ type: 'ChangeRule', data: { content: changed } }).then([{ type: 'RuleChanged', data: { version: 2, content: changed } }]));
  it('counts versions on from the last change', () =>
    given(created, { type: 'RuleChanged', data: { version: 2, content: changed } }).when({ type: 'ChangeRule', data: { content } }).then([{ type: 'RuleChanged', data: { version: 3, content } }]));
  it('keeps an enabled rule enabled across a change', () =>
    expect(foldRule([created, enabled, { type: 'RuleChanged', data: { version: 2, content: changed } }])).toMatchObject({ version: 2, enabled: true, content: changed }));
  it('refuses a change that changes nothing, even when only spacing differs', () =>
    given(created).when({ type: 'ChangeRule', data: { content: { ...content, name: ' Outage alerts ' } } }).thenFails('illegal_transition', /"Outage alerts" already reads so/));
  it('validates the new content as creation does', () =>
    given(created).when({ type: 'ChangeRule', data: { content: { ...content, actions: [] } } }).thenFails('invalid_command', /actions: 1-10 actions/));
  it('is for supervisors and admins', () => given(created).when({ type: 'ChangeRule', data: { content: changed } }, agent).thenFails('not_allowed'));
  it('knows no rule that was never created', () => given().when({ type: 'ChangeRule', data: { content: changed } }).thenFails('rule_not_found'));
});

describe('EnableRule and DisableRule', () => {
  it('enables a draft at its current version', () =>
    given(created, { type: 'RuleChanged', data: { version: 2, content: { ...content, name: 'Outages' } } }).when({ type: 'EnableRule', data: {} }).then([{ type: 'RuleEnabled', data: { version: 2 } }]));
  it('refuses to enable an enabled rule', () => given(created, enabled).when({ type: 'EnableRule', data: {} }).thenFails('illegal_transition', /"Outage alerts" is already enabled/));
  it('disables with a trimmed reason, or none', () => {
    given(created, enabled).when({ type: 'DisableRule', data: { reason: '  too noisy ' } }).then([{ type: 'RuleDisabled', data: { version: 1, reason: 'too noisy' } }]);
    given(created, enabled).when({ type: 'DisableRule', data: { reason: '  ' } }).then([{ type: 'RuleDisabled', data: { version: 1, reason: null } }]);
  });
  it('refuses to disable a disabled rule', () => {
    given(created).when({ type: 'DisableRule', data: { reason: null } }).thenFails('illegal_transition', /already disabled/);
    given(created, enabled, { type: 'RuleDisabled', data: { version: 1, reason: null } }).when({ type: 'DisableRule', data: { reason: null } }).thenFails('illegal_transition', /already disabled/);
  });
  it('is for supervisors and admins', () => {
    given(created).when({ type: 'EnableRule', data: {} }, agent).thenFails('not_allowed');
    given(created, enabled).when({ type: 'DisableRule', data: { reason: null } }, agent).thenFails('not_allowed');
  });
  it('knows no rule that was never created', () => {
    given().when({ type: 'EnableRule', data: {} }).thenFails('rule_not_found');
    given().when({ type: 'DisableRule', data: { reason: null } }).thenFails('rule_not_found');
  });
});

describe('ReorderRule', () => {
  it('records the new order beside the old', () => given(created).when({ type: 'ReorderRule', data: { order: 3 } }).then([{ type: 'RuleReordered', data: { order: 3, previousOrder: 10 } }]));
  it('refuses the order it already has, and an order out of range', () => {
    given(created).when({ type: 'ReorderRule', data: { order: 10 } }).thenFails('illegal_transition', /already at 10/);
    given(created).when({ type: 'ReorderRule', data: { order: -5 } }).thenFails('invalid_command', /order: a whole number/);
  });
  it('is for supervisors and admins, and only of a rule that exists', () => {
    given(created).when({ type: 'ReorderRule', data: { order: 3 } }, agent).thenFails('not_allowed');
    given().when({ type: 'ReorderRule', data: { order: 3 } }).thenFails('rule_not_found');
  });
  it('orders by order, then by id', () => {
    const a = foldRule([created, { type: 'RuleReordered', data: { order: 3, previousOrder: 10 } }])!;
    const b = { ...a, id: 'r0' };
    const c = { ...a, id: 'r2', order: 1 };
    expect([a, b, c].sort(byRuleOrder).map((r) => r.id)).toEqual(['r2', 'r0', 'r1']);
  });
});
