import { createHash } from 'node:crypto';
import { normalizeEmail } from './decide';

/**
 * An email address belongs to at most one account. The claim is a stream of its own,
 * `email-<sha256 of the address>`, created with expected revision "no stream": the event store's
 * own concurrency control makes the second claimant fail, on every backend. The address itself
 * stays out of the stream name.
 */
export const EMAIL_CLAIM_PREFIX = 'email-';

export type EmailClaimEvent = { type: 'EmailClaimed'; data: { userId: string } };

export function emailClaimStreamId(email: string): string {
  return `${EMAIL_CLAIM_PREFIX}${createHash('sha256').update(normalizeEmail(email), 'utf8').digest('hex')}`;
}
