import { NotificationRequestedData, NotificationWithdrawalReason } from './notification-events';

export type NotificationCommand =
  | { type: 'RequestNotification'; data: NotificationRequestedData }
  /** The relay accepted the message. */
  | { type: 'RecordSent'; data: { messageId: string; relayResponse: string } }
  /** The relay could not be reached or refused the message; `permanent` for a 5xx refusal. */
  | { type: 'RecordAttemptFailure'; data: { error: string; permanent: boolean } }
  /** A bounce (delivery status notification) named this notification. */
  | { type: 'RecordBounce'; data: { mailId: string; status: string | null; diagnostic: string | null; recipient: string | null } }
  /** A supervisor asks for a failed notification to be tried again. */
  | { type: 'RetryNotification'; data: Record<string, never> }
  /** The sender found the recipient erased: the notification is not to be sent, now or on a retry. */
  | { type: 'WithdrawNotification'; data: { reason: NotificationWithdrawalReason } };

export type NotificationCommandType = NotificationCommand['type'];
