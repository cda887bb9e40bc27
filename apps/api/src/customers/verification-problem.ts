import { VerificationError } from '@helpdesk/identity';
import { ProblemException, problem, problemType } from '../http/problem';

/** A refused request or proof as problem+json: 429 with Retry-After for the brakes, 400/401/410 for proofs. */
export function verificationProblem(error: VerificationError): ProblemException {
  switch (error.code) {
    case 'too_many_requests':
    case 'too_many_attempts':
      return new ProblemException(
        { type: problemType(error.code === 'too_many_requests' ? 'too-many-verification-requests' : 'too-many-code-attempts'), title: 'Too many requests', status: 429, detail: error.message },
        { 'Retry-After': String(error.retryAfterSeconds ?? 60) },
      );
    case 'expired':
      return problem(410, 'verification-expired', 'Link or code expired', error.message);
    case 'already_used':
      return problem(410, 'verification-used', 'Link or code already used', error.message);
    case 'invalid_proof':
      return problem(401, 'invalid-verification', 'Link or code not valid', error.message);
    case 'invalid_command':
      return problem(400, 'validation-failed', 'Invalid request', error.message);
  }
}
