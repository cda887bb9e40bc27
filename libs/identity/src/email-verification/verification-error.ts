export type VerificationErrorCode =
  /** Too many requests for this address lately (retryAfterSeconds says how long to wait). */
  | 'too_many_requests'
  /** Too many wrong codes for this address lately: codes are refused until the window passes. */
  | 'too_many_attempts'
  /** No live request matches: unknown, forged, or a wrong code. */
  | 'invalid_proof'
  | 'expired'
  | 'already_used'
  | 'invalid_command';

export class VerificationError extends Error {
  override readonly name = 'VerificationError';
  constructor(
    readonly code: VerificationErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
