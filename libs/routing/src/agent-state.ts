import type { Category, Language } from '@helpdesk/ticketing';
import { WeeklyHours } from './working-hours';

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const AGENT_ROLES = ['agent', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** What routing and the agent decider need to know about an agent: folded from its events. */
export interface Agent {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  teams: string[];
  /** Ticket categories the agent can handle. */
  skills: Category[];
  languages: Language[];
  /** IANA time zone the working hours are read in. */
  timeZone: string;
  workingHours: WeeklyHours;
  maxOpenTickets: number;
  availability: Availability;
  active: boolean;
}

/** An agent that has not been registered yet. */
export type AgentState = Agent | null;

export const initialAgentState: AgentState = null;
