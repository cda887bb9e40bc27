import { VerificationEvent, VerificationMethod } from './verification-events';

type Requested = Extract<VerificationEvent, { type: 'EmailVerificationRequested' }>['data'];

export type VerificationCommand =
  | { type: 'RequestVerification'; data: Omit<Requested, 'expiresAt'> }
  /**
   * Presents a proof: for a link, the request it names and the SHA-256 of its secret; for a
   * code, the keyed hash of the code (matched against every live request of the address).
   */
  | { type: 'VerifyEmail'; data: { method: VerificationMethod; verificationId?: string; presentedHash: string; userId: string } };

export interface VerificationPolicy {
  /** How long a link and code stay good. */
  ttlMinutes: number;
  /** Requests per address within the window before more are refused. */
  maxRequestsPerWindow: number;
  /** Wrong codes per address within the window before codes are refused (links still work). */
  maxCodeFailuresPerWindow: number;
  windowMinutes: number;
}

export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = { ttlMinutes: 15, maxRequestsPerWindow: 5, maxCodeFailuresPerWindow: 5, windowMinutes: 60 };
