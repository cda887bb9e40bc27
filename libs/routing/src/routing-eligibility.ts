import { Agent } from './agent-state';
import { RoutableTicket } from './routable-ticket';
import { isWithinHours, LocalTime } from './working-hours';

export const EXCLUSION_REASONS = [
  'excluded',
  'deactivated',
  'offline',
  'away',
  'other_team',
  'outside_hours',
  'missing_skill',
  'missing_language',
  'at_cap',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Eligibility {
  reasons: ExclusionReason[];
  /** The reasons in plain English, e.g. `offline, does not speak ur`. */
  detail: string;
}

export interface EligibilityContext {
  /** The local time in a zone at the moment of routing; see `wallClocks`. */
  clock: (zone: string) => LocalTime;
  load: number;
  excluded: boolean;
}

/**
 * Every reason the agent cannot take the ticket now; none means they can. The cap is reported
 * for emergencies too: `route` decides that an emergency may exceed it.
 */
export function eligibility(agent: Agent, ticket: RoutableTicket, { clock, load, excluded }: EligibilityContext): Eligibility {
  const found: Array<[ExclusionReason, string]> = [];
  if (excluded) found.push(['excluded', 'excluded from this ticket']);
  if (!agent.active) found.push(['deactivated', 'deactivated']);
  else if (agent.availability !== 'online') found.push([agent.availability, agent.availability]);
  if (ticket.team && !agent.teams.includes(ticket.team)) found.push(['other_team', `not in team ${ticket.team}`]);
  const local = clock(agent.timeZone);
  if (!isWithinHours(agent.workingHours, local)) found.push(['outside_hours', `outside working hours at ${local.label} in ${agent.timeZone}`]);
  if (!agent.skills.includes(ticket.category)) found.push(['missing_skill', `does not handle ${ticket.category} tickets`]);
  if (!agent.languages.includes(ticket.language)) found.push(['missing_language', `does not speak ${ticket.language}`]);
  if (load >= agent.maxOpenTickets) found.push(['at_cap', `at cap with ${load} of ${agent.maxOpenTickets} open`]);
  return { reasons: found.map(([r]) => r), detail: found.map(([, d]) => d).join(', ') };
}
