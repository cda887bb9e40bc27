/**
 * Content-addressed bytes: attachments and raw mail. A blob's id is the SHA-256 of its bytes
 * (lowercase hex), so storing the same bytes twice stores them once and an id can be checked
 * against what it names. Adapters: files under DATA_DIR (embedded) and MongoDB GridFS.
 * Every adapter passes test/contract/blob-store.contract.ts.
 */
export interface BlobInfo {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Stores the bytes (idempotent) and answers their address. */
  put(bytes: Buffer): Promise<BlobInfo>;
  /** The bytes, or null when no blob has that address. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
  /** Forgets the bytes (erasure); answers whether anything was deleted. */
  delete(sha256: string): Promise<boolean>;
  close(): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export const SHA256_HEX = /^[0-9a-f]{64}$/;
