import { SubjectErasedData, SubjectEvent } from './subject-events';

export class PrivacyError extends Error {
  constructor(
    readonly code: 'already_erased' | 'reason_required' | 'subject_not_found',
    message: string,
  ) {
    super(message);
  }
}

export interface SubjectState {
  erased: SubjectErasedData | null;
}

export const evolveSubject = (state: SubjectState, event: SubjectEvent): SubjectState => (event.type === 'SubjectErased' ? { erased: event.data } : state);

export const foldSubject = (events: SubjectEvent[]): SubjectState => events.reduce(evolveSubject, { erased: null });

export interface EraseSubject {
  type: 'EraseSubject';
  data: Omit<SubjectErasedData, 'proof' | 'erasedAt'>;
}

/** A subject is erased once; the reason is required (it is the record of why). The proof is signed by the caller. */
export function decideErasure(state: SubjectState, command: EraseSubject, now: Date): Omit<SubjectErasedData, 'proof'> {
  if (state.erased) throw new PrivacyError('already_erased', `Subject ${command.data.subjectId} was erased at ${state.erased.erasedAt}.`);
  const reason = command.data.reason.trim();
  if (!reason) throw new PrivacyError('reason_required', 'An erasure needs a reason (the request it answers, e.g. "customer request 2026-05-01").');
  return { ...command.data, reason, scopes: [...new Set(command.data.scopes)].sort(), blobs: [...new Set(command.data.blobs)].sort(), erasedAt: now.toISOString() };
}
