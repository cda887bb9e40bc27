import { randomUUID } from 'node:crypto';
import { AppendResult, CurrentRevision, EventStore, StoredEvent } from '@helpdesk/event-store';
import { Clock } from '@helpdesk/shared';
import { Actor, EventMetadata } from '@helpdesk/ticketing';
import { decideMail, foldMail, MailCommand, MailEvent, mailStreamId, MailState } from '@helpdesk/mail';

/** A message's record as read from its stream. */
export interface LoadedMail {
  mailId: string;
  state: MailState;
  revision: CurrentRevision;
  events: StoredEvent[];
}

export interface MailEnvelope {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}

export interface MailAppend {
  result: AppendResult;
  /** Ids of the events appended, in order (causation ids for what they set off). */
  eventIds: string[];
}

export const toMailEvent = (stored: StoredEvent): MailEvent => ({ type: stored.type, data: stored.data }) as MailEvent;

/**
 * Load, fold, decide, append for `mail-<id>` streams, like the ticket runner. It never retries
 * a conflict itself: the pipeline reloads and looks again (the other writer may have done the
 * work), which is how a concurrent duplicate loses cleanly.
 */
export class MailCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async load(mailId: string): Promise<LoadedMail> {
    const events = await this.store.readStream(mailStreamId(mailId));
    return {
      mailId,
      state: foldMail(events.map(toMailEvent)),
      revision: events.length ? events[events.length - 1].revision : 'no_stream',
      events,
    };
  }

  /** Decides each command in turn on the loaded state and appends all the events at its revision; null when nothing was to be recorded. */
  async execute(loaded: LoadedMail, commands: MailCommand[], envelope: MailEnvelope): Promise<MailAppend | null> {
    let state = loaded.state;
    const events: MailEvent[] = [];
    for (const command of commands) {
      const decided = decideMail(command, state, envelope.actor);
      state = foldMail(decided, state);
      events.push(...decided);
    }
    if (!events.length) return null;
    const base: Omit<EventMetadata, 'eventId'> = {
      correlationId: envelope.correlationId,
      causationId: envelope.causationId ?? randomUUID(),
      actor: envelope.actor,
      occurredAt: this.clock.now().toISOString(),
      schemaVersion: 1,
    };
    const toAppend = events.map((event) => {
      const eventId = randomUUID();
      return { id: eventId, type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: { ...base, eventId } };
    });
    const result = await this.store.append(mailStreamId(loaded.mailId), toAppend, loaded.revision);
    return { result, eventIds: toAppend.map((e) => e.id) };
  }
}
