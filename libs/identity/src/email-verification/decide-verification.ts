import { timingSafeEqual } from 'node:crypto';
import { normalizeEmail } from '../decide';
import { VerificationCommand, VerificationPolicy } from './verification-commands';
import { VerificationError } from './verification-error';
import { VerificationEvent } from './verification-events';
import { VerificationRequestRecord, VerificationState } from './verification-state';

export interface VerificationContext {
  now: Date;
  policy: VerificationPolicy;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,63}$/;
const MINUTE_MS = 60_000;

const invalid = (message: string) => new VerificationError('invalid_command', message);
const noMatch = () => new VerificationError('invalid_proof', 'This link or code is not valid. Ask for a new one.');

/**
 * The email-verification decider: requests are throttled per address (the stream is the
 * address's, so the count holds across processes), every proof is good once and for a short
 * time, and wrong codes are recorded so that guessing locks codes for the address. Pure.
 */
export function decideVerification(command: VerificationCommand, state: VerificationState | null, ctx: VerificationContext): VerificationEvent[] {
  const { now, policy } = ctx;
  const windowStart = now.getTime() - policy.windowMinutes * MINUTE_MS;
  switch (command.type) {
    case 'RequestVerification': {
      const d = command.data;
      const email = normalizeEmail(d.email);
      if (!EMAIL.test(email)) throw invalid('email must be an email address.');
      // (An erased person's requests read under the reserved `.invalid` domain: the address may come back.)
      if (state && state.email !== email && !/\.invalid$/i.test(state.email)) throw invalid('This stream belongs to another address.');
      if (!d.linkHash || !d.codeHash) throw invalid('A request needs the hashes of its link and code.');
      if ((d.purpose === 'submit_ticket') !== (d.submission !== null)) throw invalid('A ticket submission, and only it, carries the submission.');
      if (state?.requests[d.verificationId]) throw invalid(`Verification ${d.verificationId} already exists.`);
      const recent = Object.values(state?.requests ?? {})
        .map((r) => new Date(r.requestedAt).getTime())
        .filter((t) => t > windowStart)
        .sort((a, b) => a - b);
      if (recent.length >= policy.maxRequestsPerWindow) {
        const retryAfter = Math.max(1, Math.ceil((recent[recent.length - policy.maxRequestsPerWindow] + policy.windowMinutes * MINUTE_MS - now.getTime()) / 1000));
        throw new VerificationError('too_many_requests', `Too many links and codes were sent to this address lately; try again in ${retryAfter} s.`, retryAfter);
      }
      const expiresAt = new Date(now.getTime() + policy.ttlMinutes * MINUTE_MS).toISOString();
      return [{ type: 'EmailVerificationRequested', data: { ...d, email, expiresAt } }];
    }
    case 'VerifyEmail': {
      const { method, verificationId, presentedHash, userId } = command.data;
      if (!state) throw noMatch();
      if (method === 'link') {
        const record = verificationId ? state.requests[verificationId] : undefined;
        if (!record || !hashesEqual(record.linkHash, presentedHash)) throw noMatch();
        usable(record, now);
        return [{ type: 'EmailVerified', data: { verificationId: verificationId!, method, purpose: record.purpose, userId } }];
      }
      const failures = state.codeFailures.filter((t) => new Date(t).getTime() > windowStart).sort();
      if (failures.length >= policy.maxCodeFailuresPerWindow) {
        const retryAfter = Math.max(1, Math.ceil((new Date(failures[failures.length - policy.maxCodeFailuresPerWindow]).getTime() + policy.windowMinutes * MINUTE_MS - now.getTime()) / 1000));
        throw new VerificationError('too_many_attempts', `Too many wrong codes for this address; use the link in the email, or try again in ${retryAfter} s.`, retryAfter);
      }
      const matching = Object.entries(state.requests)
        .filter(([, r]) => hashesEqual(r.codeHash, presentedHash))
        .sort(([, a], [, b]) => b.requestedAt.localeCompare(a.requestedAt));
      if (matching.length === 0) return [{ type: 'VerificationCodeRejected', data: {} }];
      const live = matching.find(([, r]) => !r.verifiedAt && new Date(r.expiresAt) > now);
      if (!live) {
        usable(matching[0][1], now);
        throw noMatch();
      }
      return [{ type: 'EmailVerified', data: { verificationId: live[0], method, purpose: live[1].purpose, userId } }];
    }
  }
}

function usable(record: VerificationRequestRecord, now: Date): void {
  if (record.verifiedAt) throw new VerificationError('already_used', 'This link or code has already been used. Ask for a new one.');
  if (new Date(record.expiresAt) <= now) throw new VerificationError('expired', 'This link or code has expired. Ask for a new one.');
}

function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}
