import { NotificationCommand } from './notification-commands';
import { NotificationError, notificationNotFound } from './notification-error';
import { NotificationEvent } from './notification-events';
import { NotificationState } from './notification-state';
import { nextAttemptAt, RetryPolicy } from './retry-schedule';

export interface NotificationContext {
  now: Date;
  retry: RetryPolicy;
}

const illegal = (message: string) => new NotificationError('illegal_transition', message);

/**
 * A notification's life: requested once, then attempts until the relay accepts it (sent), the
 * relay refuses it for good (rejected), the attempts run out (gave up), or a bounce comes back;
 * or until it is withdrawn unsent because its recipient was erased (then nothing sends it again).
 * Recording what already happened again changes nothing, so redelivered work is harmless.
 */
export function decideNotification(command: NotificationCommand, state: NotificationState, ctx: NotificationContext): NotificationEvent[] {
  if (command.type === 'RequestNotification') {
    return state ? [] : [{ type: 'NotificationRequested', data: command.data }];
  }
  if (!state) throw notificationNotFound('');
  const id = state.request.notificationId;
  if (state.status === 'withdrawn') {
    if (command.type === 'WithdrawNotification' || command.type === 'RecordBounce') return [];
    throw illegal(`Notification ${id} was withdrawn (${state.withdrawn?.reason ?? 'recipient_erased'}): it is never sent.`);
  }
  switch (command.type) {
    case 'RecordSent': {
      if (state.status === 'sent') return [];
      if (state.status === 'failed') throw illegal(`Notification ${id} has failed (${state.failure?.reason}); retry it before sending.`);
      return [{ type: 'NotificationSent', data: { messageId: command.data.messageId, attempt: state.attempts + 1, relayResponse: command.data.relayResponse } }];
    }
    case 'RecordAttemptFailure': {
      if (state.status !== 'pending') throw illegal(`Notification ${id} is ${state.status}: no attempt was due.`);
      const attempt = state.attempts + 1;
      const error = command.data.error.slice(0, 1000);
      if (command.data.permanent) return [{ type: 'NotificationFailed', data: { reason: 'rejected', detail: error, attempt } }];
      if (state.attemptsInRound + 1 >= ctx.retry.maxAttempts) {
        return [{ type: 'NotificationFailed', data: { reason: 'gave_up', detail: `Gave up after ${state.attemptsInRound + 1} attempts; the last: ${error}`, attempt } }];
      }
      const next = nextAttemptAt(ctx.retry, state.attemptsInRound + 1, ctx.now, id).toISOString();
      return [{ type: 'NotificationAttemptFailed', data: { attempt, error, nextAttemptAt: next } }];
    }
    case 'RecordBounce': {
      if (state.bouncedBy.includes(command.data.mailId)) return [];
      const { status, diagnostic, recipient } = command.data;
      const detail = [recipient ? `to ${recipient}` : null, status ? `status ${status}` : null, diagnostic].filter(Boolean).join('; ') || 'bounced';
      return [{ type: 'NotificationFailed', data: { reason: 'bounced', detail: detail.slice(0, 1000), mailId: command.data.mailId } }];
    }
    case 'WithdrawNotification': {
      if (state.status === 'sent') throw illegal(`Notification ${id} was already sent: there is nothing to withdraw.`);
      return [{ type: 'NotificationWithdrawn', data: { reason: command.data.reason } }];
    }
    case 'RetryNotification': {
      if (state.status !== 'failed' || !state.failure) throw illegal(`Notification ${id} is ${state.status}; only a failed notification can be retried.`);
      return [{ type: 'NotificationRetryRequested', data: { previousReason: state.failure.reason } }];
    }
  }
}
