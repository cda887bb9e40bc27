import { StoredEvent } from '@helpdesk/event-store';
import {
  Audience,
  DatedNotificationEvent,
  evolveNotification,
  Notification,
  NOTIFICATION_EVENT_TYPES,
  NOTIFICATION_STREAM_PREFIX,
  NotificationFailureReason,
  NotificationKind,
  NotificationRequestedData,
  NotificationStatus,
  NotificationWithdrawalReason,
  renderNotification,
} from '@helpdesk/notifications';
import { padPosition, Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';

export const NOTIFICATIONS = 'notifications';

/**
 * A document of `notifications`: one outbound notification and where its delivery stands. The
 * sender sleeps until the earliest `nextAttemptAt` of a pending one (indexed); staff list them
 * per ticket and by status.
 */
export interface NotificationView extends Doc {
  ticketId: string;
  ticketNumber: string;
  kind: NotificationKind;
  audience: Audience;
  channel: 'email';
  recipient: string;
  language: string;
  /** The subject as the template renders it. */
  subject: string;
  triggeredBy: string;
  triggerType: string;
  status: NotificationStatus;
  attempts: number;
  attemptsInRound: number;
  /** When the sender tries next; null unless pending. */
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: string | null;
  failure: { reason: NotificationFailureReason; detail: string } | null;
  bouncedBy: string[];
  withdrawn: { reason: NotificationWithdrawalReason; at: string } | null;
  requestedAt: string;
  /** Position of the request in the global feed (padded): the order notifications were recorded in. */
  sequence: string;
  updatedAt: string;
  revision: number;
  /** The request without its template values (those stay in the event store). */
  request: Omit<NotificationRequestedData, 'vars'>;
}

const TYPES = new Set<string>(NOTIFICATION_EVENT_TYPES);

/** `notifications`: every outbound notification with its delivery status. */
export function notificationsProjection(): Projection {
  return {
    name: NOTIFICATIONS,
    version: 1,
    collections: [
      {
        name: NOTIFICATIONS,
        indexes: [
          { name: 'status_next', keys: [['status', 1], ['nextAttemptAt', 1], ['sequence', 1]] },
          { name: 'ticket', keys: [['ticketId', 1], ['sequence', 1]] },
          { name: 'status_kind', keys: [['status', 1], ['kind', 1], ['sequence', -1]] },
          { name: 'sequence', keys: [['sequence', -1]] },
        ],
      },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      if (!stored.streamId.startsWith(NOTIFICATION_STREAM_PREFIX) || !TYPES.has(stored.type)) return;
      const id = stored.streamId.slice(NOTIFICATION_STREAM_PREFIX.length);
      const at = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
      const event = { type: stored.type, data: stored.data, occurredAt: at } as DatedNotificationEvent;
      await uow.update<NotificationView>(NOTIFICATIONS, id, stored, (doc) => {
        const next = evolveNotification(doc ? stateOf(doc) : null, event);
        if (!next) return undefined;
        const requested = event.type === 'NotificationRequested';
        const subject = requested ? renderNotification(event.data, { signature: '' }).subject : doc!.subject;
        return viewOf(id, next, subject, requested ? padPosition(stored.position) : doc!.sequence, at, stored.revision);
      });
    },
  };
}

function stateOf(doc: NotificationView): Notification {
  const { request, requestedAt, status, attempts, attemptsInRound, nextAttemptAt, lastError, messageId, sentAt, failure, bouncedBy, withdrawn } = doc;
  return { request: { ...request, vars: { ticketSubject: '', recipientName: '', customerName: '' } }, requestedAt, status, attempts, attemptsInRound, nextAttemptAt, lastError, messageId, sentAt, failure, bouncedBy, withdrawn: withdrawn ?? null };
}

function viewOf(id: string, state: Notification, subject: string, sequence: string, at: string, revision: number): NotificationView {
  const { vars, ...request } = state.request;
  void vars;
  return {
    _id: id,
    ticketId: request.ticketId,
    ticketNumber: request.ticketNumber,
    kind: request.kind,
    audience: request.audience,
    channel: request.channel,
    recipient: request.recipient,
    language: request.language,
    subject,
    triggeredBy: request.triggeredBy,
    triggerType: request.triggerType,
    status: state.status,
    attempts: state.attempts,
    attemptsInRound: state.attemptsInRound,
    nextAttemptAt: state.nextAttemptAt,
    lastError: state.lastError,
    messageId: state.messageId,
    sentAt: state.sentAt,
    failure: state.failure,
    bouncedBy: state.bouncedBy,
    withdrawn: state.withdrawn,
    requestedAt: state.requestedAt,
    sequence,
    updatedAt: at,
    revision,
    request,
  };
}
