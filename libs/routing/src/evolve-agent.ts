import { AgentEvent } from './agent-events';
import { AgentState } from './agent-state';

/** Folds one event into the state. Pure; never throws for events the decider produced. */
export function evolveAgent(state: AgentState, event: AgentEvent): AgentState {
  if (event.type === 'AgentRegistered') {
    const { agentId, ...profile } = event.data;
    return { id: agentId, ...profile, availability: 'offline', active: true };
  }
  if (!state) return state;
  switch (event.type) {
    case 'AgentSkillsUpdated':
      return { ...state, skills: event.data.skills };
    case 'AgentLanguagesUpdated':
      return { ...state, languages: event.data.languages };
    case 'AgentCapChanged':
      return { ...state, maxOpenTickets: event.data.maxOpenTickets };
    case 'AgentWorkingHoursChanged':
      return { ...state, timeZone: event.data.timeZone, workingHours: event.data.workingHours };
    case 'AgentAvailabilityChanged':
      return { ...state, availability: event.data.availability };
    case 'AgentDeactivated':
      return { ...state, active: false, availability: 'offline' };
    case 'AgentReactivated':
      return { ...state, active: true };
  }
}

export function foldAgent(events: readonly AgentEvent[], state: AgentState = null): AgentState {
  return events.reduce(evolveAgent, state);
}
