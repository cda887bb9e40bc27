import { NotificationFailureReason, NotificationRequestedData, NotificationWithdrawalReason } from './notification-events';

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'withdrawn';

/** What the decider knows of one notification: folded from its stream. */
export interface Notification {
  request: NotificationRequestedData;
  requestedAt: string;
  status: NotificationStatus;
  /** Delivery attempts made, over the notification's whole life. */
  attempts: number;
  /** Attempts made since it was requested or last retried by hand (the budget the retry policy counts). */
  attemptsInRound: number;
  /** When the sender should try next; null unless pending. */
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: string | null;
  failure: { reason: NotificationFailureReason; detail: string } | null;
  /** Why and when it was withdrawn, unsent; null unless withdrawn. */
  withdrawn: { reason: NotificationWithdrawalReason; at: string } | null;
  /** Bounce messages already applied (their `mail-<id>`), so a bounce counts once. */
  bouncedBy: string[];
}

export type NotificationState = Notification | null;
