import { KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { backtestRule, RuleBacktest } from './backtest-rule';
import { aRule, feedOf, pk, pkIso, story } from './testing/ticket-story';

/** Monday 2026-01-05 00:00 to Wednesday 2026-01-07 00:00, Karachi time. */
const window = { from: pk('2026-01-05 00:00'), to: pk('2026-01-07 00:00') };
const run = (rule: ReturnType<typeof aRule>, ...stories: ReturnType<typeof story>[]) => backtestRule(rule, feedOf(...stories), window, KARACHI_BUSINESS_HOURS);

describe('backtesting a trigger', () => {
  const outage = aRule('outage', { events: ['TicketSubmitted', 'CommentAdded'], conditions: [{ field: 'text', op: 'contains', values: ['outage'] }], actions: [{ type: 'add_tags', tags: ['outage'] }] }, { enabled: false });

  it('given events before, inside and after the window, then it matches only events inside it, of its types, whose conditions hold', () => {
    const before = story('t1', 'HD-000001').submitted('2026-01-04 10:00', { subject: 'Outage in Lahore' }).customerWrote('2026-01-05 09:30', 'Still down');
    const inside = story('t2', 'HD-000002').submitted('2026-01-05 10:00', { description: 'Total OUTAGE since the morning' }).assigned('2026-01-05 10:05');
    const unrelated = story('t3', 'HD-000003').submitted('2026-01-05 11:00').assigned('2026-01-05 11:05').customerWrote('2026-01-05 12:00', 'Any news?');
    const after = story('t4', 'HD-000004').submitted('2026-01-07 10:00', { subject: 'Outage again' });
    const result = run(outage, before, inside, unrelated, after);
    expect(result).toEqual({
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      eventsExamined: 6,
      ticketsExamined: 3,
      matchCount: 2,
      ticketCount: 2,
      matches: [
        {
          ticketId: 't1',
          number: 'HD-000001',
          at: pkIso('2026-01-05 09:30'),
          trigger: { kind: 'event', eventId: before.events[1].id, eventType: 'CommentAdded' },
          matched: ['text contains "outage"'],
          actions: ['tagged outage'],
        },
        {
          ticketId: 't2',
          number: 'HD-000002',
          at: pkIso('2026-01-05 10:00'),
          trigger: { kind: 'event', eventId: inside.events[0].id, eventType: 'TicketSubmitted' },
          matched: ['text contains "outage"'],
          actions: ['tagged outage'],
        },
      ],
    });
  });

  it('given events before the window, then they only build the ticket: the submission before it is not matched, but the state it left is judged', () => {
    const highOnly = aRule('high', { events: ['CommentAdded'], conditions: [{ field: 'priority', op: 'is', values: ['high'] }], actions: [{ type: 'set_team', team: 'escalations' }] });
    const s = story().submitted('2026-01-04 10:00').prioritized('2026-01-04 11:00', 'high').customerWrote('2026-01-05 10:00', 'Hello?');
    expect(run(highOnly, s)).toMatchObject({ eventsExamined: 1, matchCount: 1, matches: [{ at: pkIso('2026-01-05 10:00'), matched: ['priority is high (it is high)'] }] });
  });

  it('given a ticket already as the rule would leave it, then no match: the rule would have done nothing', () => {
    const raise = aRule('raise', { events: ['TicketSubmitted'], actions: [{ type: 'set_priority', priority: 'high' }] });
    const emergency = story('t1').submitted('2026-01-05 10:00', { category: 'emergency' });
    const ordinary = story('t2').submitted('2026-01-05 10:00');
    expect(run(raise, emergency, ordinary)).toMatchObject({ matchCount: 1, ticketCount: 1, matches: [{ ticketId: 't2', actions: ['priority set to high'] }] });
  });

  it('counts every firing and every ticket, but lists at most `limit` matches, the earliest first', () => {
    const anyComment = aRule('any', { events: ['CommentAdded'], actions: [{ type: 'internal_note', text: { en: 'seen', ur: null } }] });
    const a = story('t1').submitted('2026-01-05 09:00').customerWrote('2026-01-05 10:00', 'one').customerWrote('2026-01-05 11:00', 'two');
    const b = story('t2').submitted('2026-01-05 09:00').customerWrote('2026-01-05 10:30', 'three');
    const result = backtestRule(anyComment, feedOf(a, b), window, KARACHI_BUSINESS_HOURS, 2);
    expect(result).toMatchObject({ matchCount: 3, ticketCount: 2 });
    expect(result.matches.map((m) => [m.ticketId, m.at])).toEqual([
      ['t1', pkIso('2026-01-05 10:00')],
      ['t2', pkIso('2026-01-05 10:30')],
    ]);
  });

  it('reads the feed batch by batch and says when the rest is past the window', () => {
    const s = story().submitted('2026-01-05 10:00', { subject: 'Outage' }).customerWrote('2026-01-07 09:00', 'outage still');
    const backtest = new RuleBacktest(outage, window, KARACHI_BUSINESS_HOURS);
    expect(backtest.add(s.events[0])).toBe(true);
    expect(backtest.add(s.events[1])).toBe(false);
    expect(backtest.result()).toMatchObject({ eventsExamined: 1, matchCount: 1 });
  });
});

describe('backtesting a time-based rule', () => {
  const unassigned = aRule('stale', { events: null, schedule: { clock: 'unassigned', amount: 30, unit: 'minutes' }, actions: [{ type: 'set_priority', priority: 'high' }] });

  it('given a clock that runs out inside the window, then one firing at the instant it ran out, saying so', () => {
    const s = story('t1', 'HD-000001').submitted('2026-01-05 10:00');
    expect(run(unassigned, s).matches).toEqual([
      {
        ticketId: 't1',
        number: 'HD-000001',
        at: pkIso('2026-01-05 10:30'),
        trigger: { kind: 'time', clock: 'unassigned', since: pkIso('2026-01-05 10:00'), dueAt: pkIso('2026-01-05 10:30') },
        matched: ['unassigned for 30 minutes'],
        actions: ['priority set to high'],
      },
    ]);
  });

  it('given something stops the clock first, then no firing', () => {
    const s = story().submitted('2026-01-05 10:00').assigned('2026-01-05 10:20');
    expect(run(unassigned, s)).toMatchObject({ matchCount: 0, eventsExamined: 2, ticketsExamined: 1 });
  });

  it('given several events while the clock keeps running past its end, then one firing, judged on the ticket as it was when the clock ran out', () => {
    const s = story().submitted('2026-01-05 10:00').tagged('2026-01-05 10:40', 'vip').customerWrote('2026-01-05 10:50', 'Hello?').prioritized('2026-01-05 10:55', 'low').assigned('2026-01-05 11:00');
    const result = run({ ...unassigned, content: { ...unassigned.content, conditions: [{ field: 'tags', op: 'has_none', values: ['vip'] }] } }, s);
    expect(result).toMatchObject({ matchCount: 1, matches: [{ at: pkIso('2026-01-05 10:30'), matched: ['unassigned for 30 minutes', 'tags has none of vip (it has none)'] }] });
  });

  it('given conditions that did not hold when the clock ran out, then no firing, whatever came after', () => {
    const onlyHigh = { ...unassigned, content: { ...unassigned.content, conditions: [{ field: 'category' as const, op: 'is' as const, values: ['alert'] }] } };
    const s = story().submitted('2026-01-05 10:00').run('2026-01-05 10:45', { type: 'CategorizeTicket', data: { category: 'alert' } }, { id: 'sup', role: 'supervisor' });
    expect(run(onlyHigh, s).matchCount).toBe(0);
  });

  it('given the clock runs twice, then it fires once per run', () => {
    const onHold = aRule('on-hold', { events: null, schedule: { clock: 'waiting_on_customer', amount: 1, unit: 'hours' }, actions: [{ type: 'public_reply', text: { en: 'Are you still there?', ur: null } }] });
    const s = story()
      .submitted('2026-01-05 09:00')
      .assigned('2026-01-05 09:05')
      .started('2026-01-05 09:10')
      .waiting('2026-01-05 10:00')
      .customerWrote('2026-01-05 12:00', 'Here it is')
      .waiting('2026-01-05 13:00')
      .agentWrote('2026-01-05 15:00', 'Reminder');
    expect(run(onHold, s).matches.map((m) => [m.at, m.trigger])).toEqual([
      [pkIso('2026-01-05 11:00'), { kind: 'time', clock: 'waiting_on_customer', since: pkIso('2026-01-05 10:00'), dueAt: pkIso('2026-01-05 11:00') }],
      [pkIso('2026-01-05 14:00'), { kind: 'time', clock: 'waiting_on_customer', since: pkIso('2026-01-05 13:00'), dueAt: pkIso('2026-01-05 14:00') }],
    ]);
  });

  it('given a clock started before the window, then it fires if it runs out inside the window, not if it ran out before', () => {
    const daily = { ...unassigned, content: { ...unassigned.content, schedule: { clock: 'unassigned' as const, amount: 1, unit: 'days' as const } } };
    const runsOutInside = story('t1').submitted('2026-01-04 12:00');
    const ranOutBefore = story('t2').submitted('2026-01-03 12:00').tagged('2026-01-05 09:00', 'late');
    const result = run(daily, runsOutInside, ranOutBefore);
    expect(result.matches.map((m) => [m.ticketId, m.at])).toEqual([['t1', pkIso('2026-01-05 12:00')]]);
    // t1 has no event inside the window, t2 one: both were looked at.
    expect(result).toMatchObject({ eventsExamined: 1, ticketsExamined: 2, ticketCount: 1 });
  });

  it('given a clock that would run out after the window, then no firing', () => {
    const s = story().submitted('2026-01-06 23:50');
    expect(run(unassigned, s)).toMatchObject({ matchCount: 0, eventsExamined: 1 });
  });

  it('given business hours, then the clock runs out when the Karachi calendar has counted them: over a weekend', () => {
    const onHold = aRule('on-hold', { events: null, schedule: { clock: 'waiting_on_customer', amount: 4, unit: 'business_hours' }, conditions: [{ field: 'business_hours', op: 'inside' }], actions: [{ type: 'add_tags', tags: ['chase'] }] });
    const s = story().submitted('2026-01-09 09:00').assigned('2026-01-09 09:05').started('2026-01-09 09:10').waiting('2026-01-09 16:00');
    const result = backtestRule(onHold, s.events, { from: pk('2026-01-09 00:00'), to: pk('2026-01-13 00:00') }, KARACHI_BUSINESS_HOURS);
    expect(result.matches).toMatchObject([{ at: pkIso('2026-01-12 11:00'), matched: ['waiting on customer for 4 business hours', `inside business hours (karachi-office, ${pkIso('2026-01-12 11:00')})`] }]);
  });

  it('given a trigger-only event type, then a time-based rule is not set off by it', () => {
    const s = story().submitted('2026-01-05 10:00').assigned('2026-01-05 10:10');
    expect(run(unassigned, s).matchCount).toBe(0);
  });
});
