import type { Actor } from '@helpdesk/ticketing';
import { AgentCommand } from './agent-commands';
import { AgentError, agentIllegal, agentInvalid, agentNotAllowed, agentNotFound } from './agent-error';
import { AgentEvent } from './agent-events';
import {
  normalizeLanguages,
  normalizeSkills,
  normalizeTeams,
  requireCap,
  requireEmail,
  requireText,
  requireTimeZone,
  requireWorkingHours,
  sameSet,
} from './agent-profile';
import { Agent, AGENT_ROLES, AgentState, AVAILABILITIES } from './agent-state';

export interface AgentDecisionContext {
  actor: Actor;
}

/** Roles that manage the roster: register agents, set their skills and caps, (de)activate them. */
const MANAGERS: readonly Actor['role'][] = ['supervisor', 'admin', 'system'];

/**
 * The agent decider: given the current state and a command, the events that record what
 * happened, or an AgentError saying why not. Pure and synchronous.
 */
export function decideAgent(command: AgentCommand, state: AgentState, ctx: AgentDecisionContext): AgentEvent[] {
  if (command.type === 'RegisterAgent') return register(command.data, state, ctx);
  if (!state) throw agentNotFound();
  const agent = state;
  const { actor } = ctx;

  switch (command.type) {
    case 'UpdateAgentSkills': {
      requireManager(actor, 'change skills');
      const skills = normalizeSkills(command.data.skills);
      if (sameSet(skills, agent.skills)) throw agentIllegal(`${agent.name} already has exactly those skills.`);
      return [{ type: 'AgentSkillsUpdated', data: { skills, previousSkills: agent.skills } }];
    }
    case 'UpdateAgentLanguages': {
      requireSelfOrManager(agent, actor, 'change languages');
      const languages = normalizeLanguages(command.data.languages);
      if (sameSet(languages, agent.languages)) throw agentIllegal(`${agent.name} already has exactly those languages.`);
      return [{ type: 'AgentLanguagesUpdated', data: { languages, previousLanguages: agent.languages } }];
    }
    case 'UpdateAgentCap': {
      requireManager(actor, 'change caps');
      const maxOpenTickets = requireCap(command.data.maxOpenTickets);
      if (maxOpenTickets === agent.maxOpenTickets) throw agentIllegal(`${agent.name}'s cap is already ${maxOpenTickets} open tickets.`);
      return [{ type: 'AgentCapChanged', data: { maxOpenTickets, previousMaxOpenTickets: agent.maxOpenTickets } }];
    }
    case 'UpdateAgentWorkingHours': {
      requireSelfOrManager(agent, actor, 'change working hours');
      const timeZone = command.data.timeZone === undefined ? agent.timeZone : requireTimeZone(command.data.timeZone);
      const workingHours = requireWorkingHours(command.data.workingHours);
      if (timeZone === agent.timeZone && JSON.stringify(workingHours) === JSON.stringify(agent.workingHours)) {
        throw agentIllegal(`${agent.name} already works exactly those hours in ${timeZone}.`);
      }
      return [{ type: 'AgentWorkingHoursChanged', data: { timeZone, workingHours } }];
    }
    case 'SetAgentAvailability': {
      requireSelfOrManager(agent, actor, 'change availability');
      const { availability } = command.data;
      if (!AVAILABILITIES.includes(availability)) {
        throw agentInvalid(`Availability must be one of ${AVAILABILITIES.join(', ')} (got "${availability}").`);
      }
      if (!agent.active) throw agentIllegal(`${agent.name} is deactivated and cannot go ${availability}; reactivate them first.`);
      if (availability === agent.availability) throw agentIllegal(`${agent.name} is already ${availability}.`);
      return [{ type: 'AgentAvailabilityChanged', data: { availability, previousAvailability: agent.availability } }];
    }
    case 'DeactivateAgent': {
      requireManager(actor, 'deactivate agents');
      if (!agent.active) throw agentIllegal(`${agent.name} is already deactivated.`);
      const events: AgentEvent[] = [];
      // A deactivated agent is offline: record that as its own fact so presence views need no special case.
      if (agent.availability !== 'offline') {
        events.push({ type: 'AgentAvailabilityChanged', data: { availability: 'offline', previousAvailability: agent.availability } });
      }
      events.push({ type: 'AgentDeactivated', data: { reason: optionalText(command.data.reason) } });
      return events;
    }
    case 'ReactivateAgent': {
      requireManager(actor, 'reactivate agents');
      if (agent.active) throw agentIllegal(`${agent.name} is already active.`);
      return [{ type: 'AgentReactivated', data: { reason: optionalText(command.data.reason) } }];
    }
  }
}

function register(data: Extract<AgentCommand, { type: 'RegisterAgent' }>['data'], state: AgentState, ctx: AgentDecisionContext): AgentEvent[] {
  if (state) throw new AgentError('agent_already_exists', `Agent ${state.id} (${state.name}) is already registered.`);
  requireManager(ctx.actor, 'register agents');
  const role = data.role ?? 'agent';
  if (!AGENT_ROLES.includes(role)) throw agentInvalid(`Role must be one of ${AGENT_ROLES.join(', ')} (got "${role}").`);
  return [
    {
      type: 'AgentRegistered',
      data: {
        agentId: requireText(data.agentId, 'agentId'),
        name: requireText(data.name, 'name'),
        email: requireEmail(data.email),
        role,
        teams: normalizeTeams(data.teams ?? []),
        skills: normalizeSkills(data.skills),
        languages: normalizeLanguages(data.languages),
        timeZone: requireTimeZone(data.timeZone),
        workingHours: requireWorkingHours(data.workingHours),
        maxOpenTickets: requireCap(data.maxOpenTickets),
      },
    },
  ];
}

function requireManager(actor: Actor, what: string): void {
  if (!MANAGERS.includes(actor.role)) throw agentNotAllowed(`Only supervisors and admins can ${what}; you are signed in as ${actor.role}.`);
}

function requireSelfOrManager(agent: Agent, actor: Actor, what: string): void {
  if (actor.id !== agent.id && !MANAGERS.includes(actor.role)) {
    throw agentNotAllowed(`Only ${agent.name} or a supervisor can ${what} for this agent.`);
  }
}

function optionalText(value: string | undefined): string | null {
  return value?.trim() || null;
}
