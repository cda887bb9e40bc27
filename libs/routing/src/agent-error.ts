/**
 * Why the domain refused an agent command. The codes match the ticket's, so callers can map
 * both to the same responses; messages are for people.
 */
export type AgentErrorCode = 'agent_not_found' | 'agent_already_exists' | 'illegal_transition' | 'not_allowed' | 'invalid_command';

export class AgentError extends Error {
  override readonly name = 'AgentError';
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const agentNotFound = () => new AgentError('agent_not_found', 'This agent is not registered.');
export const agentIllegal = (message: string) => new AgentError('illegal_transition', message);
export const agentNotAllowed = (message: string) => new AgentError('not_allowed', message);
export const agentInvalid = (message: string) => new AgentError('invalid_command', message);
