import fc from 'fast-check';
import { Query } from 'mingo';
import { canReach, TicketReach } from '@helpdesk/ticketing';
import { reachFilter } from './ticket-access';

/** The read side's filter and the domain's rule must agree on every ticket, or reads and writes would disagree on "yours". */
describe('reachFilter', () => {
  const emails = fc.constantFrom('ayesha@example.pk', 'bilal@example.pk', 'c@example.com');
  const ids = fc.constantFrom('agent-ali', 'agent-sara', 'agent-zed');
  const teams = fc.constantFrom('billing', 'network', 'tier 1');
  const ticket = fc.record({
    customer: fc.record({ email: emails }),
    assigneeId: fc.option(ids, { nil: null }),
    team: fc.option(teams, { nil: null }),
  });
  const reach: fc.Arbitrary<TicketReach> = fc.oneof(
    fc.constant<TicketReach>({ kind: 'all' }),
    fc.constant<TicketReach>({ kind: 'none' }),
    emails.map((email): TicketReach => ({ kind: 'customer', email })),
    fc.record({ agentId: ids, teams: fc.uniqueArray(teams, { maxLength: 3 }) }).map((a): TicketReach => ({ kind: 'agent', ...a })),
  );

  it('keeps exactly the tickets the domain lets the actor reach', () => {
    fc.assert(
      fc.property(reach, fc.array(ticket, { maxLength: 20 }), (r, tickets) => {
        const filter = reachFilter(r);
        const kept = filter === null ? [] : tickets.filter((t) => new Query(filter).test(t));
        expect(kept).toEqual(tickets.filter((t) => canReach(r, t)));
      }),
      { numRuns: 500 },
    );
  });
});
