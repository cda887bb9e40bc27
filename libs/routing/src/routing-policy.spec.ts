import { Agent } from './agent-state';
import { AgentLoads, RoutableTicket } from './routable-ticket';
import { ExclusionReason } from './routing-eligibility';
import { route, RoutingOptions } from './routing-policy';
import { anAgent, NINE_TO_FIVE } from './testing/agents';

const MONDAY_10_UTC = new Date('2026-01-05T10:00:00Z');
const ticket = (overrides: Partial<RoutableTicket> = {}): RoutableTicket => ({
  id: 't1',
  category: 'incident',
  language: 'ur',
  priority: 'medium',
  ...overrides,
});
const routeIt = (t: RoutableTicket, agents: Agent[], loads: AgentLoads = {}, options: Partial<RoutingOptions> = {}) =>
  route(t, agents, loads, { strategy: 'least_loaded', now: MONDAY_10_UTC, lastAssigned: {}, ...options });
const reasonsOf = (decision: ReturnType<typeof route>) =>
  Object.fromEntries(decision.reason.excluded.map((e) => [e.agentId, e.reasons]));

describe('route: who is a candidate', () => {
  const karachi = (id: string, overrides: Partial<Agent> = {}) => anAgent(id, { timeZone: 'Asia/Karachi', workingHours: NINE_TO_FIVE, ...overrides });
  const london = (id: string, overrides: Partial<Agent> = {}) => anAgent(id, { timeZone: 'Europe/London', workingHours: NINE_TO_FIVE, ...overrides });

  it.each<[string, Partial<RoutableTicket>, Agent[], AgentLoads, Partial<RoutingOptions>, string | null, Record<string, ExclusionReason[]>]>([
    ['needs the skill for the category', {}, [anAgent('a', { skills: ['question'] }), anAgent('b')], { b: 4 }, {}, 'b', { a: ['missing_skill'] }],
    ['needs the ticket’s language', {}, [anAgent('a', { languages: ['en'] }), anAgent('b')], { b: 4 }, {}, 'b', { a: ['missing_language'] }],
    ['speaks "other" only if the agent lists it', { language: 'other' }, [anAgent('a'), anAgent('b', { languages: ['en', 'other'] })], {}, {}, 'b', { a: ['missing_language'] }],
    ['needs room under the cap', {}, [anAgent('a', { maxOpenTickets: 2 }), anAgent('b', { maxOpenTickets: 10 })], { a: 2, b: 7 }, {}, 'b', { a: ['at_cap'] }],
    [
      'needs an active, online agent',
      {},
      [anAgent('a', { availability: 'away' }), anAgent('b', { availability: 'offline' }), anAgent('c', { active: false, availability: 'offline' }), anAgent('d')],
      { d: 4 },
      {},
      'd',
      { a: ['away'], b: ['offline'], c: ['deactivated'] },
    ],
    ['keeps to the ticket’s team', { team: 'billing' }, [anAgent('a'), anAgent('b', { teams: ['support', 'billing'] })], { b: 4 }, {}, 'b', { a: ['other_team'] }],
    ['takes any team when the ticket has none', {}, [anAgent('a', { teams: [] }), anAgent('b', { teams: ['billing'] })], { b: 1 }, {}, 'a', {}],
    ['leaves out excluded agents', {}, [anAgent('a'), anAgent('b')], { b: 4 }, { excludeAgentIds: ['a'] }, 'b', { a: ['excluded'] }],
    [
      'lists every reason an agent does not fit',
      { team: 'billing', language: 'en' },
      [anAgent('a', { availability: 'away', skills: [], languages: ['ur'], maxOpenTickets: 1 }), anAgent('b', { teams: ['billing'] })],
      { a: 1 },
      { excludeAgentIds: ['a'] },
      'b',
      { a: ['excluded', 'away', 'other_team', 'missing_skill', 'missing_language', 'at_cap'] },
    ],
    // 05:00 UTC on a winter Monday is 10:00 in Karachi and 05:00 in London.
    ['works Karachi hours in Karachi', {}, [karachi('khi'), london('lon')], { khi: 3 }, { now: new Date('2026-01-05T05:00:00Z') }, 'khi', { lon: ['outside_hours'] }],
    // 13:00 UTC is 18:00 in Karachi and 13:00 in London.
    ['works London hours in London', {}, [karachi('khi'), london('lon')], { lon: 3 }, { now: new Date('2026-01-05T13:00:00Z') }, 'lon', { khi: ['outside_hours'] }],
    // 10:00 UTC is 15:00 in Karachi and 10:00 in London: both work, the load decides.
    ['lets the load decide when both are at work', {}, [karachi('khi'), london('lon')], { khi: 3, lon: 2 }, {}, 'lon', {}],
    // 16:30 UTC is 16:30 in London in January but 17:30 (BST) in July.
    ['follows London into summer time', {}, [london('lon')], {}, { now: new Date('2026-07-06T16:30:00Z') }, null, { lon: ['outside_hours'] }],
    ['works the last half hour of a London winter day', {}, [london('lon')], {}, { now: new Date('2026-01-05T16:30:00Z') }, 'lon', {}],
    // Friday 20:00 UTC is already Saturday 09:00 in Auckland (UTC+13): a day off there.
    ['reads the weekday in the agent’s zone', {}, [anAgent('akl', { timeZone: 'Pacific/Auckland', workingHours: NINE_TO_FIVE })], {}, { now: new Date('2026-01-09T20:00:00Z') }, null, { akl: ['outside_hours'] }],
    ['ends a range before its end time', {}, [karachi('khi')], {}, { now: new Date('2026-01-05T12:00:00Z') }, null, { khi: ['outside_hours'] }],
    ['starts a range at its start time', {}, [karachi('khi')], {}, { now: new Date('2026-01-05T04:00:00Z') }, 'khi', {}],
  ])('%s', (_, t, agents, loads, options, expected, excluded) => {
    const decision = routeIt(ticket(t), agents, loads, options);
    expect(decision.agentId).toBe(expected);
    expect(reasonsOf(decision)).toEqual(excluded);
  });
});

describe('route: emergencies and caps', () => {
  const emergency = ticket({ category: 'emergency', priority: 'high' });

  it('refuses a non-emergency when everyone is at their cap', () => {
    const decision = routeIt(ticket(), [anAgent('a'), anAgent('b')], { a: 5, b: 6 });
    expect(decision.agentId).toBeNull();
    expect(reasonsOf(decision)).toEqual({ a: ['at_cap'], b: ['at_cap'] });
  });
  it('lets an emergency exceed caps, to the least loaded agent', () => {
    const decision = routeIt(emergency, [anAgent('a'), anAgent('b')], { a: 6, b: 5 });
    expect(decision.agentId).toBe('b');
    expect(decision.reason.candidates).toEqual([
      { agentId: 'b', load: 5, maxOpenTickets: 5, underCap: false },
      { agentId: 'a', load: 6, maxOpenTickets: 5, underCap: false },
    ]);
    expect(decision.reason.explanation).toContain('Every candidate is at their cap; an emergency may exceed it.');
  });
  it.each(['least_loaded', 'round_robin'] as const)('still prefers agents under their cap (%s)', (strategy) => {
    const agents = [anAgent('a', { maxOpenTickets: 5 }), anAgent('b', { maxOpenTickets: 12 })];
    const decision = routeIt(emergency, agents, { a: 5, b: 9 }, { strategy, lastAssigned: { b: 2, a: 1 } });
    expect(decision.agentId).toBe('b');
    expect(decision.reason.candidates.map((c) => [c.agentId, c.underCap])).toEqual([['b', true], ['a', false]]);
    expect(decision.reason.explanation).toContain('a is at cap, so agents under their cap came first for this emergency.');
  });
  it('does not waive anything but the cap', () => {
    const decision = routeIt(emergency, [anAgent('a', { skills: ['incident'] }), anAgent('b', { availability: 'offline' })], { a: 9 });
    expect(decision.agentId).toBeNull();
    expect(reasonsOf(decision)).toEqual({ a: ['missing_skill', 'at_cap'], b: ['offline'] });
  });
});

describe('route: strategies', () => {
  const agents = [anAgent('a'), anAgent('b'), anAgent('c')];

  it.each<[string, RoutingOptions['strategy'], AgentLoads, Record<string, number>, string]>([
    ['least loaded takes the fewest open tickets', 'least_loaded', { a: 3, b: 1, c: 2 }, { a: 1, b: 3, c: 2 }, 'b'],
    ['round robin takes the agent assigned longest ago, whatever the load', 'round_robin', { a: 3, b: 1, c: 2 }, { a: 1, b: 3, c: 2 }, 'a'],
    ['least loaded breaks a tie by rotation', 'least_loaded', { a: 2, b: 2, c: 4 }, { a: 9, b: 5 }, 'b'],
    ['least loaded puts a never-assigned agent first in a tie', 'least_loaded', { a: 2, b: 2, c: 2 }, { a: 9, b: 5 }, 'c'],
    ['least loaded falls back to the id', 'least_loaded', { a: 3, b: 2, c: 2 }, {}, 'b'],
    ['round robin puts never-assigned agents first, by id', 'round_robin', {}, { a: 4 }, 'b'],
    ['round robin wraps around the rotation', 'round_robin', {}, { a: 7, b: 8, c: 9 }, 'a'],
  ])('%s', (_, strategy, loads, lastAssigned, expected) => {
    expect(routeIt(ticket(), agents, loads, { strategy, lastAssigned }).agentId).toBe(expected);
  });

  it('ranks the candidates in the order the strategy would take them', () => {
    const loads = { a: 3, b: 1, c: 1 };
    const lastAssigned = { a: 1, b: 3, c: 2 };
    expect(routeIt(ticket(), agents, loads, { lastAssigned }).reason.candidates.map((c) => `${c.agentId}:${c.load}`)).toEqual(['c:1', 'b:1', 'a:3']);
    expect(routeIt(ticket(), agents, loads, { strategy: 'round_robin', lastAssigned }).reason.candidates.map((c) => c.agentId)).toEqual(['a', 'c', 'b']);
  });
});

describe('route: the reason', () => {
  it('explains a least-loaded pick, its tie-break and who was left out', () => {
    const agents = [anAgent('agent-ali', { name: 'Ali Raza' }), anAgent('agent-sara'), anAgent('agent-bo', { availability: 'offline' }), anAgent('agent-zed', { languages: ['en'] })];
    const decision = routeIt(ticket(), agents, { 'agent-ali': 1, 'agent-sara': 1 }, { lastAssigned: { 'agent-ali': 1, 'agent-sara': 2 } });
    expect(decision).toEqual({
      agentId: 'agent-ali',
      reason: {
        strategy: 'least_loaded',
        candidates: [
          { agentId: 'agent-ali', load: 1, maxOpenTickets: 5, underCap: true },
          { agentId: 'agent-sara', load: 1, maxOpenTickets: 5, underCap: true },
        ],
        excluded: [
          { agentId: 'agent-bo', reasons: ['offline'], detail: 'offline' },
          { agentId: 'agent-zed', reasons: ['missing_language'], detail: 'does not speak ur' },
        ],
        explanation:
          'Assigned to Ali Raza (agent-ali) by least loaded: 1 ticket open, the fewest among 2 candidates (agent-ali: 1, agent-sara: 1); ' +
          'tied with agent-sara, and agent-ali was assigned longest ago. Not eligible: agent-bo (offline); agent-zed (does not speak ur).',
      },
    });
  });
  it('explains a round-robin pick', () => {
    const decision = routeIt(ticket(), [anAgent('a'), anAgent('b')], {}, { strategy: 'round_robin', lastAssigned: { a: 5 } });
    expect(decision.reason.explanation).toBe('Assigned to b (b) by round robin: next in rotation among 2 candidates (b, a), never assigned before.');
  });
  it('says why nobody fits, with local times for those off work', () => {
    const agents = [anAgent('lon', { timeZone: 'Europe/London', workingHours: NINE_TO_FIVE, maxOpenTickets: 1 })];
    const decision = routeIt(ticket({ team: 'support' }), agents, { lon: 1 }, { now: new Date('2026-01-10T10:15:00Z') });
    expect(decision.agentId).toBeNull();
    expect(decision.reason.candidates).toEqual([]);
    expect(decision.reason.explanation).toBe(
      'No agent can take ticket t1 (incident in ur for team support). Not eligible: lon (outside working hours at sat 10:15 in Europe/London, at cap with 1 of 1 open).',
    );
  });
  it('says so when there is nobody to consider', () => {
    expect(routeIt(ticket(), [], {}).reason.explanation).toBe('No agent can take ticket t1: there are no agents to consider.');
  });
  it('is pure: the inputs are left as they were', () => {
    const agents = Object.freeze([Object.freeze(anAgent('b')), Object.freeze(anAgent('a'))]);
    const loads = Object.freeze({ a: 1, b: 0 });
    expect(route(ticket(), agents, loads, { strategy: 'round_robin', now: MONDAY_10_UTC, lastAssigned: Object.freeze({}) }).agentId).toBe('a');
    expect(agents.map((a) => a.id)).toEqual(['b', 'a']);
  });
});
