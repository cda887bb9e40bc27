import { randomUUID } from 'node:crypto';
import { EventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { deriveSlaClock, SlaEvent, slaRecordsDue } from '@helpdesk/sla';
import { SlaPolicyBook, SlaPolicyRef } from './sla-policy-book';
import { Clock } from '@helpdesk/shared';
import { ticketStreamId } from '@helpdesk/ticketing';
import { slaHistoryOf } from './sla-facts-of';

const MAX_RETRIES = 5;
export const SLA_WATCH_ACTOR = { id: 'sla-watch', role: 'system' } as const;

/**
 * Records SLA warnings and breaches on a ticket's stream when they fall due. The stream is both
 * input and memory: the clock is folded from its events and a record already on it is never
 * written again, and the append's expected revision makes two watchers (two processes) safe.
 */
export class SlaWatch {
  constructor(
    private readonly store: EventStore,
    private readonly policies: SlaPolicyBook,
    private readonly clock: Clock,
  ) {}

  /** Appends whatever is due on this ticket now; answers what was recorded. */
  async check(ticketId: string): Promise<SlaEvent[]> {
    const streamId = ticketStreamId(ticketId);
    for (let attempt = 0; ; attempt++) {
      const events = await this.store.readStream(streamId);
      if (events.length === 0) return [];
      const { facts, recorded } = slaHistoryOf(events);
      const now = this.clock.now();
      const policy = await this.policies.get(events[0].metadata.slaPolicy as SlaPolicyRef | undefined);
      const state = deriveSlaClock(policy, facts, now);
      const due = state ? slaRecordsDue(state, recorded) : [];
      if (due.length === 0) return [];
      const correlationId = randomUUID();
      try {
        await this.store.append(
          streamId,
          due.map((e) => {
            const id = randomUUID();
            return { id, type: e.type, data: { ...e.data }, metadata: { eventId: id, correlationId, causationId: correlationId, actor: SLA_WATCH_ACTOR, occurredAt: e.data.at, schemaVersion: 1 } };
          }),
          events[events.length - 1].revision,
        );
        return due;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_RETRIES) throw error;
      }
    }
  }
}
