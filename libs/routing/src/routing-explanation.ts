import { Agent } from './agent-state';
import { RoutableTicket } from './routable-ticket';
import type { RoutingCandidate, RoutingReason } from './routing-policy';

/** The routing decision in plain English, for people reading the assignment's history. */
export function explain(
  ticket: RoutableTicket,
  chosen: Agent | null,
  { strategy, candidates, excluded }: Omit<RoutingReason, 'explanation'>,
  lastAssigned: Readonly<Record<string, number>>,
): string {
  const notEligible = excluded.length > 0 ? ` Not eligible: ${excluded.map((e) => `${e.agentId} (${e.detail})`).join('; ')}.` : '';
  if (!chosen) {
    const what = `${ticket.category} in ${ticket.language}${ticket.team ? ` for team ${ticket.team}` : ''}`;
    return excluded.length === 0
      ? `No agent can take ticket ${ticket.id}: there are no agents to consider.`
      : `No agent can take ticket ${ticket.id} (${what}).${notEligible}`;
  }
  const pick = candidates[0];
  const never = lastAssigned[pick.agentId] === undefined;
  const among = candidates.length === 1 ? 'the only candidate' : `among ${candidates.length} candidates`;
  let text = `Assigned to ${chosen.name} (${chosen.id}) by ${strategy.replace('_', ' ')}: `;
  if (strategy === 'least_loaded') {
    text += `${tickets(pick.load)} open, ${candidates.length === 1 ? 'the only candidate' : `the fewest ${among}`} (${candidates.map((c) => `${c.agentId}: ${c.load}`).join(', ')})`;
    const tied = candidates.filter((c) => c !== pick && c.underCap === pick.underCap && c.load === pick.load);
    if (tied.length > 0) text += `; tied with ${tied.map((c) => c.agentId).join(', ')}, and ${tieBreak(pick, tied[0], lastAssigned)}`;
  } else {
    text += `next in rotation ${among} (${candidates.map((c) => c.agentId).join(', ')}), ${never ? 'never assigned before' : 'assigned longest ago'}`;
  }
  text += '.';
  if (!pick.underCap) text += ' Every candidate is at their cap; an emergency may exceed it.';
  else if (candidates.some((c) => !c.underCap)) {
    const over = candidates.filter((c) => !c.underCap).map((c) => c.agentId);
    text += ` ${over.join(', ')} ${over.length === 1 ? 'is' : 'are'} at cap, so agents under their cap came first for this emergency.`;
  }
  return text + notEligible;
}

function tieBreak(pick: RoutingCandidate, next: RoutingCandidate, lastAssigned: Readonly<Record<string, number>>): string {
  const [a, b] = [lastAssigned[pick.agentId], lastAssigned[next.agentId]];
  if (a === b) return `${pick.agentId} comes first by id`;
  return a === undefined ? `${pick.agentId} had never been assigned` : `${pick.agentId} was assigned longest ago`;
}

const tickets = (n: number) => `${n} ${n === 1 ? 'ticket' : 'tickets'}`;
