import type { Category, Language } from '@helpdesk/ticketing';
import { AgentRole, Availability } from './agent-state';
import { WeeklyHours } from './working-hours';

/** Facts about an agent, in the past tense. The stream is `agent-<id>`. */
export type AgentEvent =
  | {
      type: 'AgentRegistered';
      data: {
        agentId: string;
        name: string;
        email: string;
        role: AgentRole;
        teams: string[];
        skills: Category[];
        languages: Language[];
        timeZone: string;
        workingHours: WeeklyHours;
        maxOpenTickets: number;
      };
    }
  | { type: 'AgentSkillsUpdated'; data: { skills: Category[]; previousSkills: Category[] } }
  | { type: 'AgentLanguagesUpdated'; data: { languages: Language[]; previousLanguages: Language[] } }
  | { type: 'AgentCapChanged'; data: { maxOpenTickets: number; previousMaxOpenTickets: number } }
  | { type: 'AgentWorkingHoursChanged'; data: { timeZone: string; workingHours: WeeklyHours } }
  | { type: 'AgentAvailabilityChanged'; data: { availability: Availability; previousAvailability: Availability } }
  | { type: 'AgentDeactivated'; data: { reason: string | null } }
  | { type: 'AgentReactivated'; data: { reason: string | null } };

export type AgentEventType = AgentEvent['type'];

export const AGENT_EVENT_TYPES: readonly AgentEventType[] = [
  'AgentRegistered',
  'AgentSkillsUpdated',
  'AgentLanguagesUpdated',
  'AgentCapChanged',
  'AgentWorkingHoursChanged',
  'AgentAvailabilityChanged',
  'AgentDeactivated',
  'AgentReactivated',
];

export const agentStreamId = (agentId: string) => `agent-${agentId}`;
export const AGENT_STREAM_PREFIX = 'agent-';
