import { decide, DatedTicketEvent, evolve, RuleTrigger, Ticket, TicketState } from '@helpdesk/ticketing';
import { MAX_RULE_DEPTH, planRuleFiring, RuleTicketCommand } from './plan-rule-firing';
import { RuleAction } from './rule-action';
import { Rule } from './rule-state';
import { aRule, system } from './testing/ticket-story';

const ticket: Ticket = {
  id: 't1',
  number: 'HD-000007',
  subject: 'Cannot sign in',
  status: 'in_progress',
  priority: 'medium',
  category: 'incident',
  customer: { name: 'Ayesha Khan', email: 'ayesha@example.pk', timezone: 'Asia/Karachi', language: 'en' },
  assigneeId: null,
  team: null,
  acknowledged: false,
  resolvedAt: null,
  resolutionConfirmed: false,
  tags: ['vip'],
};
const trigger: RuleTrigger = { kind: 'event', eventId: 'ev-9', eventType: 'CommentAdded' };
const matched = ['text contains "outage"'];
const rule = (...actions: RuleAction[]): Rule => ({ ...aRule('r1', { name: 'Outage desk', actions }), version: 3 });
const plan = (r: Rule, t: Ticket = ticket, depth = 0) => planRuleFiring({ rule: r, ticket: t, trigger, matched, depth, commentIds: r.content.actions.map((_, i) => `rule-r1-ev-9-${i}`) });

/** The plan's commands through the real ticket decider, as the system: each must be accepted. */
function applied(commands: RuleTicketCommand[], from: Ticket): TicketState {
  let state: TicketState = from;
  for (const command of commands) {
    for (const event of decide(command, state, { actor: system, scope: {}, now: new Date('2026-01-05T06:00:00.000Z'), autoCloseAfterDays: 7 })) {
      state = evolve(state, { ...event, occurredAt: '2026-01-05T06:00:00.000Z' } as DatedTicketEvent);
    }
  }
  return state;
}

describe('planning a firing', () => {
  it('given a rule of every kind of action, then the record first, then only the changes that change something, each accepted by the ticket decider', () => {
    const r = rule(
      { type: 'set_priority', priority: 'high' },
      { type: 'set_category', category: 'incident' },
      { type: 'set_team', team: 'identity' },
      { type: 'add_tags', tags: ['vip', 'outage'] },
      { type: 'remove_tags', tags: ['spam'] },
      { type: 'assign', agentId: 'agent-ali' },
      { type: 'internal_note', text: { en: 'Seen by {{rule.name}}', ur: null } },
      { type: 'public_reply', text: { en: 'Dear {{customer.name}}, {{ticket.number}} ({{ticket.subject}}) is now {{ticket.priority}}.', ur: null } },
      { type: 'notify', to: 'assignee', subject: 'Outage: {{ticket.number}}', text: { en: 'Look at {{ticket.subject}}', ur: null } },
      { type: 'notify', to: 'oncall@example.pk', subject: '{{ticket.priority}} {{ticket.number}}', text: { en: 'FYI', ur: 'اطلاع' } },
    );
    const { commands, route } = plan(r);
    const actions = [
      'priority set to high',
      'routed to team identity',
      'tagged outage',
      'assigned to agent-ali',
      'added an internal note',
      'replied to the customer',
      'notified the assignee (agent-ali)',
      'notified oncall@example.pk',
    ];
    expect(route).toBe(false);
    expect(commands).toEqual([
      {
        type: 'RecordRuleFiring',
        data: {
          ruleId: 'r1',
          ruleName: 'Outage desk',
          ruleVersion: 3,
          trigger,
          matched,
          actions,
          depth: 1,
          outcome: 'applied',
          reason: null,
          notify: [
            { to: 'agent:agent-ali', subject: 'Outage: HD-000007', body: 'Look at Cannot sign in' },
            { to: 'oncall@example.pk', subject: 'high HD-000007', body: 'FYI' },
          ],
        },
      },
      { type: 'PrioritizeTicket', data: { priority: 'high', reason: 'rule: Outage desk' } },
      { type: 'SetTeam', data: { team: 'identity', reason: 'rule: Outage desk' } },
      { type: 'TagTicket', data: { add: ['outage'] } },
      { type: 'AssignTicket', data: { agentId: 'agent-ali', reason: 'rule: Outage desk' } },
      { type: 'AddComment', data: { commentId: 'rule-r1-ev-9-6', body: 'Seen by Outage desk', visibility: 'internal' } },
      { type: 'AddComment', data: { commentId: 'rule-r1-ev-9-7', body: 'Dear Ayesha Khan, HD-000007 (Cannot sign in) is now high.', visibility: 'public' } },
    ]);
    expect(applied(commands, ticket)).toMatchObject({ priority: 'high', team: 'identity', tags: ['vip', 'outage'], assigneeId: 'agent-ali' });
  });

  it('given an Urdu-speaking customer, then the Urdu text; with no Urdu text, the English', () => {
    const urdu = { ...ticket, customer: { ...ticket.customer, language: 'ur' as const } };
    const r = rule(
      { type: 'public_reply', text: { en: 'Dear {{customer.name}}', ur: '{{customer.name}} صاحبہ، ٹکٹ {{ticket.number}} موصول ہوا۔' } },
      { type: 'internal_note', text: { en: 'Only English {{ ticket.number }}', ur: null } },
      { type: 'notify', to: 'oncall@example.pk', subject: 'New {{ticket.number}}', text: { en: 'New', ur: 'نیا ٹکٹ {{ticket.number}}' } },
    );
    const { commands } = plan(r, urdu);
    expect(commands.slice(1).map((c) => (c.type === 'AddComment' ? c.data.body : null))).toEqual(['Ayesha Khan صاحبہ، ٹکٹ HD-000007 موصول ہوا۔', 'Only English HD-000007']);
    expect(commands[0]).toMatchObject({ data: { notify: [{ subject: 'New HD-000007', body: 'نیا ٹکٹ HD-000007' }] } });
    expect(plan(r, ticket).commands[1]).toMatchObject({ data: { body: 'Dear Ayesha Khan' } });
  });

  it('given a closed ticket, then only tags and notifications: nothing else can change a closed ticket', () => {
    const closed = { ...ticket, status: 'closed' as const, assigneeId: 'agent-ali' };
    const r = rule(
      { type: 'set_priority', priority: 'high' },
      { type: 'set_category', category: 'alert' },
      { type: 'set_team', team: 'identity' },
      { type: 'assign', agentId: 'agent-sara' },
      { type: 'route' },
      { type: 'internal_note', text: { en: 'note', ur: null } },
      { type: 'public_reply', text: { en: 'reply', ur: null } },
      { type: 'add_tags', tags: ['outage'] },
      { type: 'remove_tags', tags: ['vip'] },
      { type: 'notify', to: 'assignee', subject: 'Closed', text: { en: 'x', ur: null } },
    );
    const { commands, route } = plan(r, closed);
    expect(route).toBe(false);
    expect(commands.map((c) => c.type)).toEqual(['RecordRuleFiring', 'TagTicket']);
    expect(commands[0]).toMatchObject({ data: { actions: ['tagged outage', 'untagged vip', 'notified the assignee (agent-ali)'], notify: [{ to: 'agent:agent-ali' }] } });
    expect(applied(commands, closed)).toMatchObject({ status: 'closed', tags: ['outage'] });
  });

  it('given a resolved ticket, then no assignment and no routing, but other changes and replies', () => {
    const resolved = { ...ticket, status: 'resolved' as const, assigneeId: 'agent-ali' };
    const r = rule({ type: 'assign', agentId: 'agent-sara' }, { type: 'route' }, { type: 'set_priority', priority: 'low' }, { type: 'public_reply', text: { en: 'Did that help?', ur: null } });
    const { commands, route } = plan(r, resolved);
    expect(route).toBe(false);
    expect(commands.map((c) => c.type)).toEqual(['RecordRuleFiring', 'PrioritizeTicket', 'AddComment']);
    expect(applied(commands, resolved)).toMatchObject({ status: 'resolved', priority: 'low', assigneeId: 'agent-ali' });
  });

  it('given a notification to the assignee, then it goes to the assignee only when there is one (the one the rule assigned, if it did)', () => {
    const toAssignee: RuleAction = { type: 'notify', to: 'assignee', subject: 'For you', text: { en: 'x', ur: null } };
    expect(plan(rule(toAssignee))).toEqual({ commands: [], route: false });
    expect(plan(rule(toAssignee), { ...ticket, assigneeId: 'agent-sara' }).commands[0]).toMatchObject({ data: { notify: [{ to: 'agent:agent-sara' }], actions: ['notified the assignee (agent-sara)'] } });
    expect(plan(rule({ type: 'assign', agentId: 'agent-ali' }, toAssignee), { ...ticket, assigneeId: 'agent-sara' }).commands[0]).toMatchObject({ data: { notify: [{ to: 'agent:agent-ali' }] } });
  });

  it('given a ticket subject over several lines, then the notification subject is still one line', () => {
    const notify: RuleAction = { type: 'notify', to: 'oncall@example.pk', subject: 'New: {{ticket.subject}}', text: { en: '{{ticket.subject}}', ur: null } };
    expect(plan(rule(notify), { ...ticket, subject: 'Cannot sign in\r\nBcc: everyone@example.pk' }).commands[0]).toMatchObject({
      data: { notify: [{ subject: 'New: Cannot sign in Bcc: everyone@example.pk', body: 'Cannot sign in\r\nBcc: everyone@example.pk' }] },
    });
  });

  it('given a hand-off to routing, then the route flag and a record, no ticket command', () => {
    const { commands, route } = plan(rule({ type: 'route' }));
    expect(route).toBe(true);
    expect(commands).toEqual([expect.objectContaining({ type: 'RecordRuleFiring', data: expect.objectContaining({ actions: ['handed to routing'], outcome: 'applied' }) })]);
  });

  it('given a ticket already as the rule leaves it, then nothing at all: not even a record', () => {
    const done = { ...ticket, priority: 'high' as const, tags: ['vip', 'outage'], assigneeId: 'agent-ali', team: 'identity' };
    const r = rule({ type: 'set_priority', priority: 'high' }, { type: 'add_tags', tags: ['outage'] }, { type: 'remove_tags', tags: ['spam'] }, { type: 'assign', agentId: 'agent-ali' }, { type: 'set_team', team: 'identity' });
    expect(plan(r, done)).toEqual({ commands: [], route: false });
  });

  it('given actions that undo each other, then each is judged on what the earlier ones left, and all tag changes are one TagTicket', () => {
    const r = rule({ type: 'add_tags', tags: ['outage'] }, { type: 'add_tags', tags: ['outage', 'urgent'] }, { type: 'remove_tags', tags: ['outage'] }, { type: 'set_team', team: null });
    const { commands } = plan(r);
    expect(commands.slice(1)).toEqual([{ type: 'TagTicket', data: { add: ['urgent'] } }]);
    expect(commands[0]).toMatchObject({ data: { actions: ['tagged outage', 'tagged urgent', 'untagged outage'] } });
    expect(applied(commands, ticket)).toMatchObject({ tags: ['vip', 'urgent'] });
  });

  it('given a ticket near the most tags it may carry, then only the tags that fit are added, and the record says which were not', () => {
    const full = { ...ticket, tags: Array.from({ length: 19 }, (_, i) => `t${i}`) };
    const { commands } = plan(rule({ type: 'add_tags', tags: ['outage', 'urgent'] }), full);
    expect(commands.slice(1)).toEqual([{ type: 'TagTicket', data: { add: ['outage'] } }]);
    expect(commands[0]).toMatchObject({ data: { actions: ['tagged outage (not urgent: a ticket carries at most 20 tags)'] } });
    expect(applied(commands, full)!.tags).toHaveLength(20);
    expect(plan(rule({ type: 'add_tags', tags: ['urgent'] }), { ...full, tags: [...full.tags, 'outage'] })).toEqual({ commands: [], route: false });
  });

  it('given an event MAX_RULE_DEPTH firings deep, then a single loop_stopped record saying why and what it would have done, and nothing else', () => {
    const r = rule({ type: 'set_priority', priority: 'high' }, { type: 'route' }, { type: 'notify', to: 'oncall@example.pk', subject: 'x', text: { en: 'x', ur: null } });
    const stopped = plan(r, ticket, MAX_RULE_DEPTH);
    expect(stopped.route).toBe(false);
    expect(stopped.commands).toEqual([
      {
        type: 'RecordRuleFiring',
        data: {
          ruleId: 'r1',
          ruleName: 'Outage desk',
          ruleVersion: 3,
          trigger,
          matched,
          actions: ['priority set to high', 'handed to routing', 'notified oncall@example.pk'],
          depth: MAX_RULE_DEPTH + 1,
          outcome: 'loop_stopped',
          reason: `Stopped: ${MAX_RULE_DEPTH} rule firings in a row led here (at most ${MAX_RULE_DEPTH}); the rules set each other off. It would have: priority set to high; handed to routing; notified oncall@example.pk.`,
          notify: [],
        },
      },
    ]);
    expect(plan(r, ticket, MAX_RULE_DEPTH - 1).commands[0]).toMatchObject({ data: { outcome: 'applied', depth: MAX_RULE_DEPTH } });
  });

  it('given an event that deep but nothing to do, then nothing is recorded', () => expect(plan(rule({ type: 'set_priority', priority: 'medium' }), ticket, MAX_RULE_DEPTH)).toEqual({ commands: [], route: false }));
});
