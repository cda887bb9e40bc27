import { KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { describeSchedule, ruleDueAt, RuleClocks, STOPPED_CLOCKS } from './rule-clocks';
import { RuleEventInput, foldRuleTicket } from './rule-ticket';
import { RuleSchedule } from './rule-schedule';
import { ayesha, pk, pkIso, story, TicketStory } from './testing/ticket-story';

const clocksOf = (s: TicketStory): RuleClocks => foldRuleTicket(s.events).clocks;
/** Monday 2026-01-05, a working day in Karachi. */
const day = (time: string) => `2026-01-05 ${time}`;

describe('the unassigned clock', () => {
  it('given a new ticket, then it runs from the submission, through changes that do not assign it, until it is assigned', () => {
    const s = story().submitted(day('09:00'));
    expect(clocksOf(s)).toEqual({ ...STOPPED_CLOCKS, unassigned: pkIso(day('09:00')) });
    s.prioritized(day('09:10'), 'high').tagged(day('09:20'), 'outage');
    expect(clocksOf(s).unassigned).toBe(pkIso(day('09:00')));
    s.assigned(day('09:30'));
    expect(clocksOf(s).unassigned).toBeNull();
  });
  it('given a ticket reopened by its customer with an assignee, then it does not start', () => {
    const s = story().submitted(day('09:00')).assigned(day('09:05')).started(day('09:10')).resolved(day('10:00')).reopened(day('11:00'));
    expect(clocksOf(s).unassigned).toBeNull();
  });
  it('given a ticket resolved without ever being assigned (an imported history), then it stops at the resolution and starts again at the reopen', () => {
    const at = (local: string) => pkIso(day(local));
    const submitted = story().submitted(day('09:00')).events[0];
    const history: RuleEventInput[] = [
      submitted,
      { id: 'e2', type: 'TicketResolved', data: { resolution: 'Answered by phone' }, occurredAt: at('10:00') },
      { id: 'e3', type: 'TicketReopened', data: { reason: 'Still broken' }, occurredAt: at('11:00') },
    ];
    expect(foldRuleTicket(history.slice(0, 2)).clocks.unassigned).toBeNull();
    const reopened = foldRuleTicket(history);
    expect(reopened.ticket).toMatchObject({ status: 'new', assigneeId: null });
    expect(reopened.clocks.unassigned).toBe(at('11:00'));
  });
});

describe('the waiting_on_customer clock', () => {
  const working = () => story().submitted(day('09:00')).assigned(day('09:05')).started(day('09:10'));
  it('given a ticket put on hold, then it runs from then, through the agent\'s own notes, until the customer answers', () => {
    const s = working();
    expect(clocksOf(s).waiting_on_customer).toBeNull();
    s.waiting(day('10:00'));
    expect(clocksOf(s).waiting_on_customer).toBe(pkIso(day('10:00')));
    s.agentWrote(day('10:30'), 'Any news?').agentWrote(day('10:40'), 'chasing', 'internal');
    expect(clocksOf(s).waiting_on_customer).toBe(pkIso(day('10:00')));
    s.customerWrote(day('11:00'), 'Here is the screenshot');
    expect(s.ticket.status).toBe('in_progress');
    expect(clocksOf(s).waiting_on_customer).toBeNull();
  });
  it('given a second hold, then it starts again from the second', () => {
    const s = working().waiting(day('10:00')).customerWrote(day('11:00'), 'Done').waiting(day('12:00'));
    expect(clocksOf(s).waiting_on_customer).toBe(pkIso(day('12:00')));
  });
  it('given a ticket resolved while on hold, then it stops', () => {
    const s = working().waiting(day('10:00')).resolved(day('12:00'));
    expect(clocksOf(s).waiting_on_customer).toBeNull();
  });
});

describe('the resolved_unanswered clock', () => {
  const resolved = () => story().submitted(day('09:00')).assigned(day('09:05')).started(day('09:10')).resolved(day('10:00'));
  it('given a resolution, then it runs from the resolution (the satisfaction offer recorded with it does not move it) and through the agent\'s comments', () => {
    const s = resolved();
    expect(s.events.slice(-2).map((e) => e.type)).toEqual(['TicketResolved', 'SatisfactionOffered']);
    expect(clocksOf(s)).toEqual({ ...STOPPED_CLOCKS, resolved_unanswered: pkIso(day('10:00')) });
    s.agentWrote(day('11:00'), 'Let us know if it works');
    expect(clocksOf(s).resolved_unanswered).toBe(pkIso(day('10:00')));
  });
  it('given the customer writes, then it stops though the ticket stays resolved, and the next event does not start it again', () => {
    const s = resolved().customerWrote(day('11:00'), 'Thanks, checking');
    expect(s.ticket.status).toBe('resolved');
    expect(clocksOf(s).resolved_unanswered).toBeNull();
    s.agentWrote(day('11:30'), 'Great');
    expect(clocksOf(s).resolved_unanswered).toBeNull();
  });
  it('given a new resolution after the customer wrote, then it starts again from the new resolution', () => {
    const s = resolved().customerWrote(day('11:00'), 'No, still broken').reopened(day('11:05'));
    expect(clocksOf(s).resolved_unanswered).toBeNull();
    s.resolved(day('15:00'));
    expect(clocksOf(s).resolved_unanswered).toBe(pkIso(day('15:00')));
  });
  it('given the customer confirms, or the ticket is closed, then it stops', () => {
    expect(clocksOf(resolved().confirmed(day('11:00'))).resolved_unanswered).toBeNull();
    expect(clocksOf(resolved().confirmed(day('11:00')).closed(day('11:30'))).resolved_unanswered).toBeNull();
  });
});

describe('what rules know of a ticket', () => {
  it('given its events, then the ticket as the decider folds it, plus its channel and description', () => {
    const s = story().submitted(day('09:00'), { channel: 'email', description: 'Urgent: the VPN is down' }).assigned(day('09:05'));
    expect(foldRuleTicket(s.events)).toMatchObject({ ticket: { id: 't1', assigneeId: 'agent-ali', customer: ayesha }, channel: 'email', description: 'Urgent: the VPN is down' });
  });
});

describe('when a clock runs out', () => {
  const since = pkIso('2026-01-09 16:00'); // a Friday, two hours before closing
  const due = (schedule: RuleSchedule, from = since) => ruleDueAt(schedule, from, KARACHI_BUSINESS_HOURS);
  it('given minutes, hours or days, then that much wall-clock time later, weekend or not', () => {
    expect(due({ clock: 'unassigned', amount: 90, unit: 'minutes' })).toEqual(pk('2026-01-09 17:30'));
    expect(due({ clock: 'unassigned', amount: 5, unit: 'hours' })).toEqual(pk('2026-01-09 21:00'));
    expect(due({ clock: 'resolved_unanswered', amount: 2, unit: 'days' })).toEqual(pk('2026-01-11 16:00'));
  });
  it('given business hours, then only open hours count: over the weekend to Monday', () => {
    expect(due({ clock: 'waiting_on_customer', amount: 2, unit: 'business_hours' })).toEqual(pk('2026-01-09 18:00'));
    expect(due({ clock: 'waiting_on_customer', amount: 4, unit: 'business_hours' })).toEqual(pk('2026-01-12 11:00'));
    expect(due({ clock: 'waiting_on_customer', amount: 1, unit: 'business_hours' }, pkIso('2026-01-10 10:00'))).toEqual(pk('2026-01-12 10:00'));
  });
  it('given business hours across lunch, then the lunch hour does not count', () =>
    expect(due({ clock: 'waiting_on_customer', amount: 2, unit: 'business_hours' }, pkIso('2026-01-12 12:00'))).toEqual(pk('2026-01-12 15:00')));
  it('says the schedule in words', () => expect(describeSchedule({ clock: 'waiting_on_customer', amount: 4, unit: 'business_hours' })).toBe('waiting on customer for 4 business hours'));
});
