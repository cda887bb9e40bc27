/** Signed by the audit key (Ed25519) over the canonical JSON of the erasure's other fields. */
export interface ErasureProof {
  keyId: string;
  signature: string;
}

/**
 * A subject's erasure: the proof that it happened, holding no personal data, only the random
 * pseudonym the key store knew the subject by, the scopes (stream ids) whose keys were shredded
 * and the blob addresses deleted. Stream `subject-<subjectId>`.
 */
export interface SubjectErasedData {
  subjectId: string;
  reason: string;
  scopes: string[];
  blobs: string[];
  erasedAt: string;
  proof: ErasureProof;
}

export type SubjectEvent = { type: 'SubjectErased'; data: SubjectErasedData };

export const SUBJECT_STREAM_PREFIX = 'subject-';
export const subjectStreamId = (subjectId: string) => `${SUBJECT_STREAM_PREFIX}${subjectId}`;

export type RetentionAction = 'erase' | 'anonymise';

/**
 * The retention policy applied to one closed ticket, once: stream `retention-<ticketId>`,
 * appended with expected revision "no stream".
 */
export interface RetentionAppliedData {
  ticketId: string;
  action: RetentionAction;
  policyDays: number;
  closedAt: string;
  appliedAt: string;
}

export type RetentionEvent = { type: 'RetentionApplied'; data: RetentionAppliedData };

export const retentionStreamId = (ticketId: string) => `retention-${ticketId}`;
