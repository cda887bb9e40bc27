import { Audience, NotificationChannel, NotificationKind, TemplateLanguage } from './notification-kind';

/** What a template needs, captured when the notification is requested (so a resend says the same). */
export interface NotificationVars {
  ticketSubject: string;
  /** The customer's name (customer-facing) or the agent's (agent-facing). */
  recipientName: string;
  customerName: string;
  /** The public reply (agent_reply). */
  body?: string;
  /** The resolution (resolved). */
  resolution?: string;
  closeReason?: 'confirmed' | 'no_customer_response';
  /** The ticket's priority when it was assigned (assigned). */
  priority?: string;
  /** Why the ticket was given to the agent, as the assignment recorded it (assigned). */
  assignmentReason?: string;
  /** The SLA target warned about, when it falls due, and the business minutes used of it (sla_warning). */
  slaTarget?: string;
  dueAt?: string;
  elapsedBusinessMinutes?: number;
  targetBusinessMinutes?: number;
  /** Why the address is being verified, and until when the link and code work (email_verification). */
  verificationPurpose?: 'sign_in' | 'submit_ticket';
  expiresAt?: string;
  /**
   * The one-time link and code (email_verification): never recorded. The sender derives them
   * when it writes the mail (apps/api/src/customers/verification-mail.ts).
   */
  code?: string;
  link?: string;
  /** The satisfaction offer the resolution came with (resolved): the rating links are made from it when the mail is sent. */
  ratingOfferId?: string;
  ratingChangeableUntil?: string;
  /** When the resolved ticket closes without an answer (auto_close_reminder). */
  closesAt?: string;
  /** The automation rule that asked for the notice, and the subject it wrote, filled (rule_notice; its text is `body`). */
  ruleName?: string;
  noticeSubject?: string;
}

export interface NotificationRequestedData {
  notificationId: string;
  ticketId: string;
  ticketNumber: string;
  kind: NotificationKind;
  audience: Audience;
  channel: NotificationChannel;
  /** Email address, lower-cased. */
  recipient: string;
  language: TemplateLanguage;
  /** IANA zone the recipient reads times in. */
  timeZone: string;
  /** Id of the event this notification tells about. */
  triggeredBy: string;
  triggerType: string;
  vars: NotificationVars;
}

export type NotificationFailureReason = 'bounced' | 'gave_up' | 'rejected';

/** Why a notification was withdrawn before it went out: its recipient's address was erased. */
export type NotificationWithdrawalReason = 'recipient_erased';

/** Facts about one notification, in the past tense. The stream is `notification-<id>`. */
export type NotificationEvent =
  | { type: 'NotificationRequested'; data: NotificationRequestedData }
  | { type: 'NotificationSent'; data: { messageId: string; attempt: number; relayResponse: string } }
  | { type: 'NotificationAttemptFailed'; data: { attempt: number; error: string; nextAttemptAt: string } }
  | {
      type: 'NotificationFailed';
      data: {
        reason: NotificationFailureReason;
        detail: string;
        /** The attempt that failed (gave_up, rejected); absent for a bounce. */
        attempt?: number;
        /** The `mail-<id>` stream of the bounce (bounced). */
        mailId?: string;
      };
    }
  /** Someone asked for a failed notification to be tried again (a fresh attempt budget). */
  | { type: 'NotificationRetryRequested'; data: { previousReason: NotificationFailureReason } }
  /** Never to be sent: the person it was for was erased (or anonymised) before it went out. */
  | { type: 'NotificationWithdrawn'; data: { reason: NotificationWithdrawalReason } };

export type NotificationEventType = NotificationEvent['type'];

export const NOTIFICATION_EVENT_TYPES: readonly NotificationEventType[] = [
  'NotificationRequested',
  'NotificationSent',
  'NotificationAttemptFailed',
  'NotificationFailed',
  'NotificationRetryRequested',
  'NotificationWithdrawn',
];

export const NOTIFICATION_STREAM_PREFIX = 'notification-';
export const notificationStreamId = (notificationId: string) => `${NOTIFICATION_STREAM_PREFIX}${notificationId}`;

export type DatedNotificationEvent = NotificationEvent & { occurredAt: string };
