import { DatedNotificationEvent } from './notification-events';
import { NotificationState } from './notification-state';

export function evolveNotification(state: NotificationState, event: DatedNotificationEvent): NotificationState {
  if (event.type === 'NotificationRequested') {
    return {
      request: event.data,
      requestedAt: event.occurredAt,
      status: 'pending',
      attempts: 0,
      attemptsInRound: 0,
      nextAttemptAt: event.occurredAt,
      lastError: null,
      messageId: null,
      sentAt: null,
      failure: null,
      bouncedBy: [],
      withdrawn: null,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'NotificationSent':
      return { ...state, status: 'sent', attempts: event.data.attempt, attemptsInRound: state.attemptsInRound + 1, nextAttemptAt: null, messageId: event.data.messageId, sentAt: event.occurredAt, lastError: null };
    case 'NotificationAttemptFailed':
      return { ...state, attempts: event.data.attempt, attemptsInRound: state.attemptsInRound + 1, nextAttemptAt: event.data.nextAttemptAt, lastError: event.data.error };
    case 'NotificationFailed': {
      const { reason, detail, attempt, mailId } = event.data;
      return {
        ...state,
        status: 'failed',
        nextAttemptAt: null,
        failure: { reason, detail },
        ...(attempt !== undefined ? { attempts: attempt, attemptsInRound: state.attemptsInRound + 1, lastError: detail } : {}),
        bouncedBy: mailId ? [...state.bouncedBy, mailId] : state.bouncedBy,
      };
    }
    case 'NotificationRetryRequested':
      return { ...state, status: 'pending', attemptsInRound: 0, nextAttemptAt: event.occurredAt, failure: null };
    case 'NotificationWithdrawn':
      return { ...state, status: 'withdrawn', nextAttemptAt: null, withdrawn: { reason: event.data.reason, at: event.occurredAt } };
  }
}

export function foldNotification(events: DatedNotificationEvent[], state: NotificationState = null): NotificationState {
  return events.reduce(evolveNotification, state);
}
