import type { Category, Language } from '@helpdesk/ticketing';
import { AgentRole, Availability } from './agent-state';
import { WeeklyHours } from './working-hours';

/** What someone asks of an agent's record. The decider turns each into events or an AgentError. */
export type AgentCommand =
  | {
      type: 'RegisterAgent';
      data: {
        agentId: string;
        name: string;
        email: string;
        role?: AgentRole;
        teams?: string[];
        skills: Category[];
        languages: Language[];
        timeZone: string;
        workingHours: WeeklyHours;
        maxOpenTickets: number;
      };
    }
  | { type: 'UpdateAgentSkills'; data: { skills: Category[] } }
  | { type: 'UpdateAgentLanguages'; data: { languages: Language[] } }
  | { type: 'UpdateAgentCap'; data: { maxOpenTickets: number } }
  /** The time zone stays as it is unless given: hours only mean something in a zone. */
  | { type: 'UpdateAgentWorkingHours'; data: { workingHours: WeeklyHours; timeZone?: string } }
  | { type: 'SetAgentAvailability'; data: { availability: Availability } }
  | { type: 'DeactivateAgent'; data: { reason?: string } }
  | { type: 'ReactivateAgent'; data: { reason?: string } };

export type AgentCommandType = AgentCommand['type'];
