import fc from 'fast-check';
import { Agent } from './agent-state';
import { RoutableTicket } from './routable-ticket';
import { route, RoutingStrategy } from './routing-policy';
import { anAgent, NINE_TO_FIVE } from './testing/agents';

const TICKETS = 1000;
// Monday 05:00 UTC: 10:00 in Karachi, 05:00 in London.
const NOW = new Date('2026-01-05T05:00:00Z');
const TICKET: Omit<RoutableTicket, 'id'> = { team: 'support', category: 'incident', language: 'ur', priority: 'medium' };

const eligible = (n: number) => Array.from({ length: n }, (_, i) => anAgent(`agent-${i + 1}`, { maxOpenTickets: TICKETS }));
const ineligible: Agent[] = [
  anAgent('offline', { availability: 'offline' }),
  anAgent('no-skill', { skills: ['question'] }),
  anAgent('english-only', { languages: ['en'] }),
  anAgent('billing-team', { teams: ['billing'] }),
  anAgent('in-london', { timeZone: 'Europe/London', workingHours: NINE_TO_FIVE }),
];

interface Step {
  /** Whether an open ticket, chosen by `pick`, is closed before the next one is routed. */
  close: boolean;
  pick: number;
}

/** Routes TICKETS tickets one by one, feeding each assignment back into the loads and the rotation. */
function simulate(strategy: RoutingStrategy, agents: Agent[], steps: (i: number) => Step) {
  const loads: Record<string, number> = {};
  const assigned: Record<string, number> = {};
  const lastAssigned: Record<string, number> = {};
  const open: string[] = [];
  let maxSpread = 0;
  for (let i = 0; i < TICKETS; i++) {
    const { close, pick } = steps(i);
    if (close && open.length > 0) {
      const [closed] = open.splice(pick % open.length, 1);
      loads[closed]--;
    }
    const { agentId } = route({ id: `t${i}`, ...TICKET }, agents, loads, { strategy, now: NOW, lastAssigned });
    if (!agentId) throw new Error(`ticket t${i} found nobody`);
    loads[agentId] = (loads[agentId] ?? 0) + 1;
    assigned[agentId] = (assigned[agentId] ?? 0) + 1;
    lastAssigned[agentId] = i;
    open.push(agentId);
    const openLoads = agents.filter((a) => !ineligible.includes(a)).map((a) => loads[a.id] ?? 0);
    maxSpread = Math.max(maxSpread, Math.max(...openLoads) - Math.min(...openLoads));
  }
  return { loads, assigned, open: open.length, maxSpread };
}

function expectEvenShares(counts: Record<string, number>, pool: Agent[], total: number) {
  const share = total / pool.length;
  for (const agent of pool) expect(Math.abs((counts[agent.id] ?? 0) - share)).toBeLessThanOrEqual(1);
  for (const agent of ineligible) expect(counts[agent.id]).toBeUndefined();
}

describe('fairness over 1,000 tickets', () => {
  describe.each(['least_loaded', 'round_robin'] as const)('%s, tickets never closed', (strategy) => {
    it.each([2, 3, 7, 9])('shares evenly among %i eligible agents, skipping the ineligible', (n) => {
      const pool = eligible(n);
      const { assigned, loads, maxSpread } = simulate(strategy, [...ineligible, ...pool].reverse(), () => ({ close: false, pick: 0 }));
      expectEvenShares(assigned, pool, TICKETS);
      expectEvenShares(loads, pool, TICKETS);
      expect(maxSpread).toBeLessThanOrEqual(1);
    });
  });

  const steps = fc.array(fc.record({ close: fc.boolean(), pick: fc.nat() }), { minLength: TICKETS, maxLength: TICKETS });

  // With tickets closing at random, the two strategies are fair in different senses: round robin
  // hands out the same number of tickets whatever is closed; least loaded evens out what is open
  // (at most one ticket closes per ticket routed, so the next pick always repairs the gap).
  it('round robin: everyone is assigned an even share, however tickets close', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), steps, (n, plan) => {
        const pool = eligible(n);
        const { assigned } = simulate('round_robin', [...pool, ...ineligible], (i) => plan[i]);
        expectEvenShares(assigned, pool, TICKETS);
      }),
      { numRuns: 15 },
    );
  });

  it('least loaded: everyone holds an even share of the open tickets, however tickets close', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), steps, (n, plan) => {
        const pool = eligible(n);
        const { loads, open, maxSpread } = simulate('least_loaded', [...pool, ...ineligible], (i) => plan[i]);
        expectEvenShares(loads, pool, open);
        expect(maxSpread).toBeLessThanOrEqual(1);
      }),
      { numRuns: 15 },
    );
  });
});
