import { Purpose } from './personal-fields';

/** A data subject: a person known by an email. `subjectId` is a random pseudonym; `lookup` a keyed hash of the email. */
export interface SubjectRecord {
  subjectId: string;
  lookup: string;
  createdAt: string;
}

/** One data key: for one scope (a ticket, a mail) and purpose, belonging to one subject, wrapped by the master key. */
export interface DataKeyRecord {
  keyId: string;
  subjectId: string;
  scope: string;
  purpose: Purpose;
  wrapped: string;
  createdAt: string;
}

/** What is left of a shredded key: that the scope's data of that purpose was erased, and when. No key, no subject. */
export interface ShreddedScope {
  scope: string;
  purpose: Purpose;
  erasedAt: string;
}

/**
 * The key of one blob (an attachment's or a raw mail's bytes, sealed whole). Blobs are shared by
 * content, so a blob's key is its own, not a subject's: an erasure deletes it once no other
 * person's event refers to the bytes. `stored` is the address of the sealed bytes.
 */
export interface BlobKeyRecord {
  sha256: string;
  keyId: string;
  wrapped: string;
  stored: string;
  createdAt: string;
}

/**
 * Where data keys live, apart from the event log (so deleting one is possible: events are never
 * deleted). Adapters: SQLite in DATA_DIR (embedded) and a MongoDB collection. Every adapter
 * passes test/contract/key-store.contract.ts.
 */
export interface KeyStore {
  /** The master key check stored on first use, or the one given if none was stored yet. */
  ensureCheck(check: string): Promise<string>;
  /** Inserts the subject unless one with the same lookup exists; answers the one stored. */
  ensureSubject(candidate: SubjectRecord): Promise<SubjectRecord>;
  subjectByLookup(lookup: string): Promise<SubjectRecord | null>;
  subject(subjectId: string): Promise<SubjectRecord | null>;
  /** Inserts the key unless the scope already has one for that purpose; answers the one stored. */
  ensureKey(candidate: DataKeyRecord): Promise<DataKeyRecord>;
  /** ensureKey for several at once (one transaction where the store has them). */
  ensureKeys(candidates: readonly DataKeyRecord[]): Promise<DataKeyRecord[]>;
  key(keyId: string): Promise<DataKeyRecord | null>;
  keyFor(scope: string, purpose: Purpose): Promise<DataKeyRecord | null>;
  keysOf(subjectId: string): Promise<DataKeyRecord[]>;
  /**
   * Deletes the scopes' keys of those purposes (if any) and records them as shredded
   * (idempotent). Deleted bytes must not survive in the store's files (SQLite: secure_delete
   * and a WAL checkpoint).
   */
  shred(scopes: readonly Pick<DataKeyRecord, 'scope' | 'purpose'>[], erasedAt: string): Promise<void>;
  /** Forgets the subject's email lookup (after its keys are shredded); answers whether it existed. */
  forgetSubject(subjectId: string): Promise<boolean>;
  shredded(scope: string): Promise<ShreddedScope[]>;
  /** Inserts the blob's key unless it has one; answers the one stored. */
  ensureBlobKey(candidate: BlobKeyRecord): Promise<BlobKeyRecord>;
  blobKey(sha256: string): Promise<BlobKeyRecord | null>;
  /** Deletes the blob's key for good (as `shred` does); answers whether there was one. */
  deleteBlobKey(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KEY_STORE');
