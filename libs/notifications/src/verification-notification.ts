import { NotificationRequestedData } from './notification-events';
import { notificationIdFor } from './notification-id';
import { TriggeringEvent } from './notifications-for';

/** The recorded request of an address verification, as the outbox reads it from the feed. */
export interface VerificationRequestedFacts {
  verificationId: string;
  email: string;
  purpose: 'sign_in' | 'submit_ticket';
  expiresAt: string;
  language: string;
  name: string | null;
  submission: { subject: string; customer: { name: string; timezone: string } } | null;
}

/**
 * The mail an `EmailVerificationRequested` calls for: to the address being verified, in the
 * language the visitor chose, about no ticket (so no number). Its link and code are not in the
 * request: the sender derives them when it writes the mail.
 */
export function verificationNotification(event: Pick<TriggeringEvent, 'id'>, facts: VerificationRequestedFacts): NotificationRequestedData {
  const recipient = facts.email.trim().toLowerCase();
  const name = facts.name ?? facts.submission?.customer.name ?? '';
  return {
    notificationId: notificationIdFor(event.id, recipient, 'email'),
    ticketId: facts.verificationId,
    ticketNumber: '',
    kind: 'email_verification',
    audience: 'customer',
    channel: 'email',
    recipient,
    language: facts.language === 'ur' ? 'ur' : 'en',
    timeZone: facts.submission?.customer.timezone ?? 'Asia/Karachi',
    triggeredBy: event.id,
    triggerType: 'EmailVerificationRequested',
    vars: {
      ticketSubject: facts.submission?.subject ?? '',
      recipientName: name,
      customerName: name,
      verificationPurpose: facts.purpose,
      expiresAt: facts.expiresAt,
    },
  };
}
