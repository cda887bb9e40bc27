import { randomUUID } from 'node:crypto';
import { EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { AgentCommand, AgentEvent, agentNotFound, agentStreamId, decideAgent, foldAgent } from '@helpdesk/routing';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';
import { ConcurrencyConflictError } from '../command-errors';

const MAX_RETRIES = 10;

export interface AgentCommandResult {
  id: string;
  revision: number;
  position: Position;
}

export const toAgentEvents = (stored: StoredEvent[]): AgentEvent[] => stored.map((e) => ({ type: e.type, data: e.data }) as AgentEvent);

/** Load, fold, decide, append for agent records (`agent-<id>` streams). */
export class AgentCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute(agentId: string, command: AgentCommand, envelope: { actor: Actor; correlationId: string; expectedRevision?: number }): Promise<AgentCommandResult> {
    const streamId = agentStreamId(agentId);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const current = stored.length ? stored[stored.length - 1].revision : 'no_stream';
      const state = foldAgent(toAgentEvents(stored));
      if (!state && command.type !== 'RegisterAgent') throw agentNotFound();
      if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) throw new ConcurrencyConflictError(agentId, current);
      const events = decideAgent(command, state, { actor: envelope.actor });
      const occurredAt = this.clock.now().toISOString();
      const causationId = randomUUID();
      try {
        const result = await this.store.append(
          streamId,
          events.map((e) => {
            const id = randomUUID();
            return { id, type: e.type, data: e.data as unknown as Record<string, unknown>, metadata: { eventId: id, correlationId: envelope.correlationId, causationId, actor: envelope.actor, occurredAt, schemaVersion: 1 } };
          }),
          current,
        );
        return { id: agentId, revision: result.nextRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (envelope.expectedRevision !== undefined || attempt >= MAX_RETRIES) throw new ConcurrencyConflictError(agentId, error.actual);
      }
    }
  }
}
