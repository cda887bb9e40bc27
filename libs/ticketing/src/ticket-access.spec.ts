import { canReach, ticketReach } from './ticket-access';

const ticket = (email: string, assigneeId: string | null, team: string | null) => ({ customer: { email }, assigneeId, team });

describe('ticket reach', () => {
  it('gives customers their own tickets only, and nothing without an email', () => {
    const reach = ticketReach({ id: 'c1', role: 'customer' }, { email: ' Ayesha@Example.pk ' });
    expect(canReach(reach, ticket('ayesha@example.pk', null, null))).toBe(true);
    expect(canReach(reach, ticket('bilal@example.pk', null, null))).toBe(false);
    expect(canReach(ticketReach({ id: 'c1', role: 'customer' }, {}), ticket('ayesha@example.pk', null, null))).toBe(false);
  });
  it('gives agents their own, their teams’ and not-yet-routed tickets', () => {
    const reach = ticketReach({ id: 'agent-ali', role: 'agent' }, { teams: ['billing'] });
    expect(canReach(reach, ticket('x@y.z', null, null))).toBe(true);
    expect(canReach(reach, ticket('x@y.z', null, 'billing'))).toBe(true);
    expect(canReach(reach, ticket('x@y.z', 'agent-ali', 'network'))).toBe(true);
    expect(canReach(reach, ticket('x@y.z', 'agent-sara', 'network'))).toBe(false);
    expect(canReach(reach, ticket('x@y.z', null, 'network'))).toBe(false);
  });
  it('gives every other role every ticket', () => {
    for (const role of ['supervisor', 'auditor', 'analyst', 'admin', 'system'] as const) {
      expect(canReach(ticketReach({ id: 'x', role }, {}), ticket('x@y.z', 'a', 'network'))).toBe(true);
    }
  });
});
