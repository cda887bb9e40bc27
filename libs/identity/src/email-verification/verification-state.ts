import { DatedVerificationEvent, PendingSubmission, VerificationPurpose } from './verification-events';

export interface VerificationRequestRecord {
  purpose: VerificationPurpose;
  linkHash: string;
  codeHash: string;
  requestedAt: string;
  expiresAt: string;
  language: string;
  name: string | null;
  submission: PendingSubmission | null;
  /** Set once it has been used: every link and code is good once. */
  verifiedAt: string | null;
}

/** One address's verification requests and wrong codes, folded from its stream. */
export interface VerificationState {
  email: string;
  requests: Record<string, VerificationRequestRecord>;
  /** When wrong codes were typed in (only the recent ones matter). */
  codeFailures: string[];
}

export function evolveVerification(state: VerificationState | null, event: DatedVerificationEvent): VerificationState | null {
  switch (event.type) {
    case 'EmailVerificationRequested': {
      const d = event.data;
      const base = state ?? { email: d.email, requests: {}, codeFailures: [] };
      const record: VerificationRequestRecord = {
        purpose: d.purpose,
        linkHash: d.linkHash,
        codeHash: d.codeHash,
        requestedAt: event.occurredAt,
        expiresAt: d.expiresAt,
        language: d.language,
        name: d.name,
        submission: d.submission,
        verifiedAt: null,
      };
      // The latest request's address: earlier ones read as erased once their person was erased.
      return { ...base, email: d.email, requests: { ...base.requests, [d.verificationId]: record } };
    }
    case 'EmailVerified': {
      if (!state) return state;
      const record = state.requests[event.data.verificationId];
      if (!record) return state;
      // A success clears the wrong codes: the holder of the address is back.
      return { ...state, requests: { ...state.requests, [event.data.verificationId]: { ...record, verifiedAt: event.occurredAt } }, codeFailures: [] };
    }
    case 'VerificationCodeRejected':
      return state ? { ...state, codeFailures: [...state.codeFailures.slice(-99), event.occurredAt] } : state;
  }
}

export function foldVerification(events: DatedVerificationEvent[], from: VerificationState | null = null): VerificationState | null {
  return events.reduce(evolveVerification, from);
}
