import { Agent } from './agent-state';
import { AgentLoads, RoutableTicket } from './routable-ticket';
import { eligibility, ExclusionReason } from './routing-eligibility';
import { explain } from './routing-explanation';
import { wallClocks } from './working-hours';

export const ROUTING_STRATEGIES = ['least_loaded', 'round_robin'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export interface RoutingOptions {
  strategy: RoutingStrategy;
  now: Date;
  /**
   * When each agent was last assigned a ticket (epoch ms, or any sequence that increases with
   * each assignment); an agent not listed was never assigned. Round robin rotates on it, and
   * least loaded breaks ties with it, so the rotation is per agent across teams.
   */
  lastAssigned: Readonly<Record<string, number>>;
  /** Agents not to pick for this ticket, e.g. the assignee who let the acknowledgement deadline pass. */
  excludeAgentIds?: readonly string[];
}

export interface RoutingCandidate {
  agentId: string;
  load: number;
  maxOpenTickets: number;
  underCap: boolean;
}

export interface RoutingExclusion {
  agentId: string;
  reasons: ExclusionReason[];
  detail: string;
}

/** Why the ticket went where it went: candidates in the order the strategy ranked them, the pick first. */
export interface RoutingReason {
  strategy: RoutingStrategy;
  candidates: RoutingCandidate[];
  excluded: RoutingExclusion[];
  explanation: string;
}

export interface RoutingDecision {
  agentId: string | null;
  reason: RoutingReason;
}

/**
 * Picks the agent for a ticket. Candidates are active, online members of the ticket's team,
 * within their working hours at `now` in their own zone, with the skill for its category, its
 * language, and room under their cap. An emergency may go over a cap, but agents under theirs
 * come first.
 */
export function route(ticket: RoutableTicket, agents: readonly Agent[], loads: AgentLoads, options: RoutingOptions): RoutingDecision {
  const excludedIds = new Set(options.excludeAgentIds ?? []);
  const candidates: RoutingCandidate[] = [];
  const excluded: RoutingExclusion[] = [];
  const clock = wallClocks(options.now);
  for (const agent of agents) {
    const load = loads[agent.id] ?? 0;
    const { reasons, detail } = eligibility(agent, ticket, { clock, load, excluded: excludedIds.has(agent.id) });
    const blocking = ticket.category === 'emergency' ? reasons.filter((r) => r !== 'at_cap') : reasons;
    if (blocking.length === 0) candidates.push({ agentId: agent.id, load, maxOpenTickets: agent.maxOpenTickets, underCap: reasons.length === 0 });
    else excluded.push({ agentId: agent.id, reasons, detail });
  }
  const ranked = candidates.sort(ranking(options));
  const chosen = ranked[0] ? agents.find((a) => a.id === ranked[0].agentId)! : null;
  const reason = { strategy: options.strategy, candidates: ranked, excluded };
  return { agentId: chosen?.id ?? null, reason: { ...reason, explanation: explain(ticket, chosen, reason, options.lastAssigned) } };
}

type Comparator = (a: RoutingCandidate, b: RoutingCandidate) => number;

/** Under cap first; then fewest open tickets (least loaded only); then assigned longest ago, never first; then id. */
function ranking({ strategy, lastAssigned }: RoutingOptions): Comparator {
  const last = (c: RoutingCandidate) => lastAssigned[c.agentId] ?? -Infinity;
  return (a, b) =>
    Number(b.underCap) - Number(a.underCap) ||
    (strategy === 'least_loaded' ? a.load - b.load : 0) ||
    compare(last(a), last(b)) ||
    compare(a.agentId, b.agentId);
}

const compare = <T extends number | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);
