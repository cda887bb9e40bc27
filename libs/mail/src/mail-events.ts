import { AttachmentRef } from '@helpdesk/ticketing';
import { IgnoreReason } from './classify';
import { MailAddress } from './inbound-mail';
import { MailAuthResults } from './mail-auth';
import { HoldReason, NewTicketReason, ThreadingHow } from './threading';

export const MAIL_TRANSPORTS = ['smtp', 'imap', 'cli'] as const;
export type MailTransport = (typeof MAIL_TRANSPORTS)[number];

/** An attachment the message carried that was not stored, and why. */
export interface SkippedAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  reason: 'too_large';
}

export interface MailReceivedData {
  mailId: string;
  messageId: string | null;
  /** SHA-256 of what the sender wrote (trace headers left out): identifies a message without a Message-ID. */
  contentSha256: string;
  /** The raw message in the blob store, byte for byte as received. */
  rawBlobSha256: string;
  size: number;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  /** The Date header, UTC ISO-8601; null when missing or unreadable. */
  date: string | null;
  inReplyTo: string[];
  references: string[];
  transport: MailTransport;
  envelopeFrom: string | null;
  envelopeTo: string[];
  remoteAddress: string | null;
  auth: MailAuthResults;
  attachments: AttachmentRef[];
  skippedAttachments: SkippedAttachment[];
  /** The text was longer than the limit and cut there (the raw message has all of it). */
  truncated: boolean;
}

/** Facts about one inbound message, in the past tense. The stream is `mail-<id>`. */
export type MailEvent =
  | { type: 'MailReceived'; data: MailReceivedData }
  | { type: 'MailUnparseable'; data: { error: string } }
  | { type: 'MailIgnored'; data: { reason: IgnoreReason; detail: string } }
  | {
      type: 'MailBounced';
      // Contract with the notification outbox, which marks these notifications failed: keep the shape.
      data: { mailId: string; notificationIds: string[]; ticketIds: string[]; recipient: string | null; status: string | null; diagnostic: string | null };
    }
  | {
      type: 'MailThreaded';
      data: {
        how: ThreadingHow;
        ticketId: string;
        /** The comment the reply became; null when it started a ticket. */
        commentId: string | null;
        /** Why a new ticket (no reference, a number that does not exist, a reply to a closed ticket). */
        reason: NewTicketReason | null;
        /** A reply to a closed ticket starts a new one that follows up on it. */
        followUpOf: string | null;
      };
    }
  | { type: 'MailHeld'; data: { reason: HoldReason; ticketId: string | null; detail: string } }
  | {
      type: 'MailRethreaded';
      data: {
        ticketId: string;
        commentId: string;
        previousTicketId: string | null;
        /** Recorded as the customer's public reply (the sender is the ticket's customer), else as an internal note. */
        asCustomer: boolean;
        reason: string | null;
      };
    };

export type MailEventType = MailEvent['type'];

export const MAIL_EVENT_TYPES: readonly MailEventType[] = [
  'MailReceived',
  'MailUnparseable',
  'MailIgnored',
  'MailBounced',
  'MailThreaded',
  'MailHeld',
  'MailRethreaded',
];
