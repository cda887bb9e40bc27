import { Agent, AgentLoads, eligibility, ExclusionReason, RoutableTicket, wallClocks } from '@helpdesk/routing';

/**
 * Which tickets anyone on the roster could take now, whatever else the ticket asks for:
 * `any`: someone is online, at work and under their cap; `emergencies`: everyone online and at
 * work is at their cap, which only an emergency may go over; `none`: nobody is online and at work.
 */
export type RoutingCapacity = 'any' | 'emergencies' | 'none';

/** Reasons that depend on the ticket (its team, category, language, who let it lapse). */
const PER_TICKET: ReadonlySet<ExclusionReason> = new Set<ExclusionReason>(['excluded', 'other_team', 'missing_skill', 'missing_language']);
/** Any ticket will do: only the reasons that do not depend on it are looked at. */
const ANY_TICKET: RoutableTicket = { id: '', team: null, category: 'emergency', language: 'en', priority: 'high' };

/** A necessary condition for `route` to pick anyone, from the same eligibility rules. */
export function routingCapacity(agents: readonly Agent[], loads: AgentLoads, now: Date): RoutingCapacity {
  const clock = wallClocks(now);
  let emergencies = false;
  for (const agent of agents) {
    const { reasons } = eligibility(agent, ANY_TICKET, { clock, load: loads[agent.id] ?? 0, excluded: false });
    const blocking = reasons.filter((r) => !PER_TICKET.has(r));
    if (blocking.length === 0) return 'any';
    if (blocking.length === 1 && blocking[0] === 'at_cap') emergencies = true;
  }
  return emergencies ? 'emergencies' : 'none';
}
