import { randomUUID } from 'node:crypto';
import { CurrentRevision, EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
import {
  DatedNotificationEvent,
  decideNotification,
  foldNotification,
  NotificationCommand,
  NotificationEvent,
  NotificationRequestedData,
  notificationNotFound,
  NotificationState,
  notificationStreamId,
  outboxEventId,
  RetryPolicy,
} from '@helpdesk/notifications';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';

export const OUTBOX_ACTOR: Actor = { id: 'notification-outbox', role: 'system' };

export interface NotificationCommandResult {
  id: string;
  /** Revision of the stream's last event ('no_stream' only if nothing was ever recorded). */
  revision: number;
  position: Position | null;
  /** What this command appended (empty when it had already happened). */
  appended: NotificationEvent[];
  state: NotificationState;
}

export interface NotificationEnvelope {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}

const MAX_RETRIES = 10;

export function toNotificationEvent(stored: StoredEvent): DatedNotificationEvent {
  const occurredAt = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
  return { type: stored.type, data: stored.data, occurredAt } as DatedNotificationEvent;
}

/** Load, fold, decide, append with the expected revision: the write path of notifications. */
export class NotificationCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly retry: RetryPolicy,
  ) {}

  async load(notificationId: string): Promise<{ state: NotificationState; revision: CurrentRevision }> {
    const stored = await this.store.readStream(notificationStreamId(notificationId));
    return { state: foldNotification(stored.map(toNotificationEvent)), revision: stored.length ? stored[stored.length - 1].revision : 'no_stream' };
  }

  /**
   * Records a requested notification: one append with expected revision `no_stream`, no read.
   * Answers false when it was already recorded (a redelivered event, another process).
   */
  async request(data: NotificationRequestedData, envelope: NotificationEnvelope): Promise<{ recorded: boolean; position: Position | null }> {
    const id = outboxEventId(data.notificationId, 'requested');
    const metadata = { eventId: id, correlationId: envelope.correlationId, causationId: envelope.causationId ?? randomUUID(), actor: envelope.actor, occurredAt: this.clock.now().toISOString(), schemaVersion: 1 };
    try {
      const result = await this.store.append(notificationStreamId(data.notificationId), [{ id, type: 'NotificationRequested', data: data as unknown as Record<string, unknown>, metadata }], 'no_stream');
      return { recorded: true, position: result.position };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return { recorded: false, position: null };
      throw error;
    }
  }

  async execute(notificationId: string, command: NotificationCommand, envelope: NotificationEnvelope): Promise<NotificationCommandResult> {
    const streamId = notificationStreamId(notificationId);
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(notificationId);
      if (!state && command.type !== 'RequestNotification') throw notificationNotFound(notificationId);
      const now = this.clock.now();
      const events = decideNotification(command, state, { now, retry: this.retry });
      if (events.length === 0) return { id: notificationId, revision: revision === 'no_stream' ? -1 : revision, position: null, appended: [], state };
      const metadata = {
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? randomUUID(),
        actor: envelope.actor,
        occurredAt: now.toISOString(),
        schemaVersion: 1,
      };
      const toAppend = events.map((event) => {
        // The request's id is derived, so a second append of the same request is recognisably the same event.
        const id = event.type === 'NotificationRequested' ? outboxEventId(notificationId, 'requested') : randomUUID();
        return { id, type: event.type, data: event.data as unknown as Record<string, unknown>, metadata: { ...metadata, eventId: id } };
      });
      try {
        const result = await this.store.append(streamId, toAppend, revision);
        const dated = events.map((e) => ({ ...e, occurredAt: metadata.occurredAt }) as DatedNotificationEvent);
        return { id: notificationId, revision: result.nextRevision, position: result.position, appended: events, state: foldNotification(dated, state) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_RETRIES) throw error;
        // Someone recorded something meanwhile (a bounce, another process): decide again on what is there now.
      }
    }
  }
}
