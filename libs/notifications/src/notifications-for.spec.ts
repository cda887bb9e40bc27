import { notificationIdFor } from './notification-id';
import { NotificationFacts, notificationsFor, staffNamedBy, TriggeringEvent } from './notifications-for';

const facts = (over: Partial<NotificationFacts['ticket']> = {}, staff: NotificationFacts['staff'] = {}): NotificationFacts => ({
  ticket: {
    id: 't-1',
    number: 'HD-000123',
    subject: 'Cannot sign in',
    customer: { name: 'Ayesha Khan', email: 'Ayesha@Example.pk', timezone: 'Asia/Karachi', language: 'ur' },
    priority: 'high',
    assigneeId: null,
    ...over,
  },
  staff,
});
const ali = { 'agent-ali': { email: 'ali@helpdesk.test', name: 'Ali' } };
const event = (type: string, data: Record<string, unknown> = {}, actorId = 'agent-ali'): TriggeringEvent => ({
  id: `e-${type}`,
  type,
  data,
  actor: { id: actorId, role: 'agent' },
  occurredAt: '2026-01-05T06:00:00.000Z',
});

describe('notificationsFor: given a ticket event, when the outbox sees it, then', () => {
  it('a new request is acknowledged to the customer, in their language, with its number', () => {
    const [n, ...rest] = notificationsFor(event('TicketSubmitted', {}, 'cust-1'), facts());
    expect(rest).toEqual([]);
    expect(n).toEqual({
      notificationId: notificationIdFor('e-TicketSubmitted', 'ayesha@example.pk', 'email'),
      ticketId: 't-1',
      ticketNumber: 'HD-000123',
      kind: 'acknowledgement',
      audience: 'customer',
      channel: 'email',
      recipient: 'ayesha@example.pk',
      language: 'ur',
      timeZone: 'Asia/Karachi',
      triggeredBy: 'e-TicketSubmitted',
      triggerType: 'TicketSubmitted',
      vars: { ticketSubject: 'Cannot sign in', recipientName: 'Ayesha Khan', customerName: 'Ayesha Khan' },
    });
  });

  it("a customer whose language is 'other' is written to in English", () => {
    const [n] = notificationsFor(event('TicketSubmitted'), facts({ customer: { name: 'A', email: 'a@b.c', timezone: 'UTC', language: 'other' } }));
    expect(n.language).toBe('en');
  });

  it('a public agent reply is sent to the customer with its text', () => {
    const [n] = notificationsFor(event('CommentAdded', { body: 'Reset it', visibility: 'public', author: 'agent' }), facts());
    expect(n).toMatchObject({ kind: 'agent_reply', recipient: 'ayesha@example.pk', vars: { body: 'Reset it' } });
  });

  it('an internal note, or the customer’s own reply, notifies nobody', () => {
    expect(notificationsFor(event('CommentAdded', { body: 'secret', visibility: 'internal', author: 'agent' }), facts())).toEqual([]);
    expect(notificationsFor(event('CommentAdded', { body: 'me', visibility: 'public', author: 'customer' }), facts())).toEqual([]);
  });

  it.each([
    ['WaitingOnCustomer', {}, 'waiting_on_customer'],
    ['TicketResolved', { resolution: 'Password reset' }, 'resolved'],
    ['TicketClosed', { reason: 'confirmed', note: null }, 'closed'],
  ])('%s tells the customer (%s)', (type, data, kind) => {
    const [n] = notificationsFor(event(type, data), facts());
    expect(n).toMatchObject({ kind, audience: 'customer', recipient: 'ayesha@example.pk' });
  });

  it('a resolution carries the satisfaction offer it came with; the reminder of an auto-close its time', () => {
    const [n] = notificationsFor(event('TicketResolved', { resolution: 'Reset' }), facts({ satisfactionOffer: { offerId: 'HD-000123-R1', changeableUntil: '2026-01-12T07:00:00.000Z' } }));
    expect(n).toMatchObject({ kind: 'resolved', vars: { ratingOfferId: 'HD-000123-R1', ratingChangeableUntil: '2026-01-12T07:00:00.000Z' } });
    const [r] = notificationsFor(event('AutoCloseReminded', { closesAt: '2026-01-12T06:00:00.000Z' }), facts());
    expect(r).toMatchObject({ kind: 'auto_close_reminder', audience: 'customer', recipient: 'ayesha@example.pk', vars: { closesAt: '2026-01-12T06:00:00.000Z' } });
  });

  it('an assignment tells the agent at their account email, in English', () => {
    const [n] = notificationsFor(event('TicketAssigned', { agentId: 'agent-ali', previousAgentId: null, reason: 'least loaded' }, 'sup-1'), facts({ assigneeId: 'agent-ali' }, ali));
    expect(n).toMatchObject({ kind: 'assigned', audience: 'agent', recipient: 'ali@helpdesk.test', language: 'en', vars: { recipientName: 'Ali', assignmentReason: 'least loaded', priority: 'high' } });
  });

  it('an agent who took a ticket themselves is not told so', () => {
    expect(notificationsFor(event('TicketAssigned', { agentId: 'agent-ali', previousAgentId: null, reason: null }, 'agent-ali'), facts({}, ali))).toEqual([]);
  });

  it('an agent with no known address is not notified', () => {
    expect(notificationsFor(event('TicketAssigned', { agentId: 'agent-x', previousAgentId: null, reason: null }, 'sup-1'), facts({}, { 'agent-x': null }))).toEqual([]);
  });

  it('an SLA warning goes to the assignee, and to nobody on an unassigned ticket', () => {
    const warning = event('SlaWarningIssued', { target: 'resolution', dueAt: '2026-01-05T12:00:00.000Z', elapsedBusinessMinutes: 384, targetBusinessMinutes: 480 }, 'sla-watch');
    expect(staffNamedBy(warning, 'agent-ali')).toEqual(['agent-ali']);
    const [n] = notificationsFor(warning, facts({ assigneeId: 'agent-ali' }, ali));
    expect(n).toMatchObject({ kind: 'sla_warning', recipient: 'ali@helpdesk.test', vars: { slaTarget: 'resolution', elapsedBusinessMinutes: 384 } });
    expect(notificationsFor(warning, facts())).toEqual([]);
  });

  describe('a rule firing', () => {
    const fired = (notify: Array<{ to: string; subject: string; body: string }>, over: Record<string, unknown> = {}) =>
      event('RuleFired', {
        ruleId: 'rule-1', ruleName: 'Urgent outages', ruleVersion: 3,
        trigger: { kind: 'event', eventId: 'e-0', eventType: 'TicketSubmitted' },
        matched: ['category is incident'], actions: ['notified the assignee (agent-ali)'], depth: 1, outcome: 'applied', reason: null, notify, ...over,
      }, 'automation');
    const toAli = { to: 'agent:agent-ali', subject: 'Outage HD-000123', body: 'Ayesha Khan cannot sign in; look now.' };

    it("tells the staff member it names, at their account's address, with the rule's subject and text", () => {
      expect(staffNamedBy(fired([toAli]), null)).toEqual(['agent-ali']);
      const [n, ...rest] = notificationsFor(fired([toAli]), facts({ assigneeId: 'agent-ali' }, ali));
      expect(rest).toEqual([]);
      expect(n).toEqual({
        notificationId: notificationIdFor('e-RuleFired', 'ali@helpdesk.test', 'email'),
        ticketId: 't-1',
        ticketNumber: 'HD-000123',
        kind: 'rule_notice',
        audience: 'agent',
        channel: 'email',
        recipient: 'ali@helpdesk.test',
        language: 'en',
        timeZone: 'Asia/Karachi',
        triggeredBy: 'e-RuleFired',
        triggerType: 'RuleFired',
        vars: { ticketSubject: 'Cannot sign in', recipientName: 'Ali', customerName: 'Ayesha Khan', ruleName: 'Urgent outages', noticeSubject: 'Outage HD-000123', body: 'Ayesha Khan cannot sign in; look now.' },
      });
    });

    it('sends to an address as the rule gives it, lower-cased, with no name to greet', () => {
      const notice = { to: 'Oncall@Helpdesk.test', subject: 'Outage', body: 'Page the network team.' };
      expect(staffNamedBy(fired([notice]), null)).toEqual([]);
      const [n] = notificationsFor(fired([notice]), facts());
      expect(n).toMatchObject({ kind: 'rule_notice', audience: 'agent', recipient: 'oncall@helpdesk.test', notificationId: notificationIdFor('e-RuleFired', 'oncall@helpdesk.test', 'email'), vars: { recipientName: '', body: 'Page the network team.' } });
    });

    it('sends each notice of one firing, once per recipient', () => {
      const both = fired([toAli, { to: 'oncall@helpdesk.test', subject: 's', body: 'b' }, { ...toAli, body: 'a second word to Ali' }]);
      expect(notificationsFor(both, facts({}, ali)).map((n) => [n.recipient, n.vars.body])).toEqual([
        ['ali@helpdesk.test', toAli.body],
        ['oncall@helpdesk.test', 'b'],
      ]);
    });

    it('a firing the loop bound stopped notifies nobody', () => {
      const stopped = fired([toAli], { outcome: 'loop_stopped', reason: 'Stopped: the rules set each other off.' });
      expect(staffNamedBy(stopped, 'agent-ali')).toEqual([]);
      expect(notificationsFor(stopped, facts({}, ali))).toEqual([]);
    });

    it('a staff member with no known (or no active) account is not notified, nor an address that is none', () => {
      const unknown = fired([{ ...toAli, to: 'agent:agent-gone' }, { to: 'not an address', subject: 's', body: 'b' }]);
      expect(staffNamedBy(unknown, null)).toEqual(['agent-gone']);
      expect(notificationsFor(unknown, facts({}, { 'agent-gone': null }))).toEqual([]);
    });

    it("'assignee' is the ticket's assignee as of the firing, and nobody on an unassigned ticket", () => {
      const toAssignee = fired([{ ...toAli, to: 'assignee' }]);
      expect(staffNamedBy(toAssignee, 'agent-ali')).toEqual(['agent-ali']);
      expect(notificationsFor(toAssignee, facts({ assigneeId: 'agent-ali' }, ali)).map((n) => n.recipient)).toEqual(['ali@helpdesk.test']);
      expect(notificationsFor(toAssignee, facts())).toEqual([]);
    });
  });

  it('other events notify nobody', () => {
    for (const type of ['TicketPrioritized', 'WorkStarted', 'AssignmentAcknowledged', 'SlaBreached', 'ResolutionConfirmed', 'TicketTeamChanged', 'RuleFired']) expect(notificationsFor(event(type), facts())).toEqual([]);
  });

  it('one event, recipient and channel always give the same notification id; another recipient another', () => {
    expect(notificationIdFor('e-1', 'A@b.c', 'email')).toBe(notificationIdFor('e-1', 'a@b.c', 'email'));
    expect(notificationIdFor('e-1', 'a@b.c', 'email')).not.toBe(notificationIdFor('e-1', 'd@b.c', 'email'));
    expect(notificationIdFor('e-1', 'a@b.c', 'email')).not.toBe(notificationIdFor('e-2', 'a@b.c', 'email'));
  });
});
