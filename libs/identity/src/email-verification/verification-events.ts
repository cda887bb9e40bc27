import { createHash } from 'node:crypto';
import { normalizeEmail } from '../decide';

/** Why someone proves they hold an address: to sign in (or sign up), or to file a ticket from the public web form. */
export type VerificationPurpose = 'sign_in' | 'submit_ticket';

/** How the proof came: the one-time link or the short code typed in. */
export type VerificationMethod = 'link' | 'code';

/** A web-form submission waiting for its address to be verified; files are already in the blob store. */
export interface PendingSubmission {
  subject: string;
  description: string;
  category?: string;
  errorMessages?: string[];
  stepsToReproduce?: string;
  impact?: string;
  customer: { name: string; email: string; timezone: string; language: string; phone?: string };
  attachments?: Array<{ attachmentId: string; sha256: string; filename: string; contentType: string; size: number }>;
}

/**
 * Facts about proving an email address, one stream per address: `verification-<sha256 of the
 * address>`. Secrets never appear: the link's secret only as its SHA-256, the code only as a
 * keyed hash (a six-digit code's plain hash could be brute-forced from a copy of the log).
 */
export type VerificationEvent =
  | {
      type: 'EmailVerificationRequested';
      data: {
        verificationId: string;
        email: string;
        purpose: VerificationPurpose;
        linkHash: string;
        codeHash: string;
        expiresAt: string;
        language: string;
        name: string | null;
        submission: PendingSubmission | null;
      };
    }
  | { type: 'EmailVerified'; data: { verificationId: string; method: VerificationMethod; purpose: VerificationPurpose; userId: string } }
  /** A code typed in that matched no live request of this address: counted towards the lock. */
  | { type: 'VerificationCodeRejected'; data: Record<string, never> };

export type VerificationEventType = VerificationEvent['type'];
export type DatedVerificationEvent = VerificationEvent & { occurredAt: string };

export const VERIFICATION_STREAM_PREFIX = 'verification-';

export function verificationStreamId(email: string): string {
  return `${VERIFICATION_STREAM_PREFIX}${emailKey(email)}`;
}

/** The address's stream key (it travels in links, so the address itself stays out of them). */
export function emailKey(email: string): string {
  return createHash('sha256').update(normalizeEmail(email), 'utf8').digest('hex');
}
