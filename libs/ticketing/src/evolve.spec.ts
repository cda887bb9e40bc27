import { DatedTicketEvent, fold } from './evolve';

const at = '2026-01-05T06:00:00.000Z';
const submitted: DatedTicketEvent = {
  type: 'TicketSubmitted',
  occurredAt: at,
  data: {
    ticketId: 't1', number: 'HD-000001', subject: 's', description: 'd', channel: 'email',
    customer: { name: 'A', email: 'a@example.com', timezone: 'Europe/London', language: 'en' },
    category: 'question', priority: 'medium', errorMessages: [], stepsToReproduce: null, impact: null,
  },
};

describe('evolve', () => {
  it('walks a ticket through its whole life', () => {
    const steps: Array<[DatedTicketEvent, string]> = [
      [submitted, 'new'],
      [{ type: 'TicketAssigned', data: { agentId: 'a', previousAgentId: null, reason: null }, occurredAt: at }, 'assigned'],
      [{ type: 'WorkStarted', data: { agentId: 'a', note: null }, occurredAt: at }, 'in_progress'],
      [{ type: 'WaitingOnCustomer', data: { note: null }, occurredAt: at }, 'waiting_on_customer'],
      [{ type: 'WorkResumed', data: { reason: 'customer_replied' }, occurredAt: at }, 'in_progress'],
      [{ type: 'TicketResolved', data: { resolution: 'r' }, occurredAt: '2026-01-06T00:00:00.000Z' }, 'resolved'],
      [{ type: 'ResolutionRejected', data: { reason: 'no' }, occurredAt: at }, 'resolved'],
      [{ type: 'TicketReopened', data: { reason: 'no' }, occurredAt: at }, 'in_progress'],
      [{ type: 'TicketResolved', data: { resolution: 'r2' }, occurredAt: at }, 'resolved'],
      [{ type: 'ResolutionConfirmed', data: { note: null }, occurredAt: at }, 'resolved'],
      [{ type: 'TicketClosed', data: { reason: 'confirmed', note: null }, occurredAt: at }, 'closed'],
    ];
    let history: DatedTicketEvent[] = [];
    for (const [event, status] of steps) {
      history = [...history, event];
      expect(fold(history)?.status).toBe(status);
    }
    expect(fold(history)).toMatchObject({ assigneeId: 'a', resolutionConfirmed: true, resolvedAt: at });
  });

  it('reopens an unassigned ticket as new', () => {
    expect(fold([submitted, { type: 'TicketReopened', data: { reason: 'x' }, occurredAt: at }])?.status).toBe('new');
  });

  it('routes a ticket to a team and off it; a rule firing changes nothing by itself', () => {
    const routed = fold([submitted, { type: 'TicketTeamChanged', data: { team: 'Billing', previousTeam: null, reason: null }, occurredAt: at }]);
    expect(routed).toMatchObject({ team: 'Billing', status: 'new' });
    expect(fold([{ type: 'TicketTeamChanged', data: { team: null, previousTeam: 'Billing', reason: 'rule: x' }, occurredAt: at }], routed)?.team).toBeNull();
    const fired: DatedTicketEvent = {
      type: 'RuleFired',
      occurredAt: at,
      data: { ruleId: 'r', ruleName: 'R', ruleVersion: 1, trigger: { kind: 'time', clock: 'unassigned', since: at, dueAt: at }, matched: [], actions: ['tagged vip'], depth: 1, outcome: 'applied', reason: null, notify: [] },
    };
    expect(fold([fired], routed)).toEqual(routed);
  });
});
