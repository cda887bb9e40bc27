import { createHash } from 'node:crypto';
import { BlobInfo, BlobStore, SHA256_HEX } from '@helpdesk/blob-store';
import { decrypt, encrypt } from './data-key';
import { SubjectKeys } from './subject-keys';

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const associatedData = (sha256: string) => `helpdesk-blob:1\n${sha256}`;

export class BlobUnreadableError extends Error {
  constructor(readonly sha256: string) {
    super(`The sealed bytes of blob ${sha256} do not open with their key: the copy is corrupt or was replaced.`);
  }
}

/**
 * Attachments and raw mail sealed at rest: each blob's bytes are encrypted (AES-256-GCM, bound to
 * the blob's SHA-256) with a key of its own, kept in the key store beside the subjects' keys, and
 * stored in the inner store under the address of the sealed bytes. Callers still address a blob by
 * the SHA-256 of its plain bytes (events carry that), and the same bytes are stored once.
 * Deleting a blob deletes its key first, so bytes a store keeps after a delete (GridFS chunks in
 * WiredTiger files, a disk's freed blocks, a copy of the blob directory) no longer open.
 * Blobs written before sealing (no key, stored under their plain address) are read as they are.
 */
export class SealedBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly keys: SubjectKeys,
  ) {}

  async put(bytes: Buffer): Promise<BlobInfo> {
    const sha256 = sha256Of(bytes);
    const info = { sha256, size: bytes.length };
    const known = await this.keys.store.blobKey(sha256);
    if (known && (await this.inner.has(known.stored))) return info;
    if (known) await this.keys.store.deleteBlobKey(sha256); // its bytes are gone: seal them afresh
    const draft = this.keys.newBlobKey(sha256, '');
    const sealed = await this.inner.put(encrypt(draft.key, bytes, associatedData(sha256)));
    const kept = await this.keys.store.ensureBlobKey({ ...draft.record, stored: sealed.sha256 });
    // A racing put of the same bytes stored its key first: ours sealed a copy no key opens.
    if (kept.keyId !== draft.record.keyId) await this.inner.delete(sealed.sha256);
    return info;
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const record = await this.keys.store.blobKey(sha256);
    if (!record) return this.inner.get(sha256);
    const sealed = await this.inner.get(record.stored);
    if (!sealed) return null;
    // The GCM tag authenticates the bytes, and the associated data their address: no rehash needed.
    try {
      return decrypt(this.keys.openBlobKey(record), sealed, associatedData(sha256));
    } catch {
      throw new BlobUnreadableError(sha256);
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    const record = await this.keys.store.blobKey(sha256);
    return record ? this.inner.has(record.stored) : this.inner.has(sha256);
  }

  async delete(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    const record = await this.keys.store.blobKey(sha256);
    // The key first: a crash before the bytes are deleted leaves bytes nothing opens.
    const shredded = await this.keys.store.deleteBlobKey(sha256);
    const sealed = record ? await this.inner.delete(record.stored) : false;
    const plain = await this.inner.delete(sha256);
    return shredded || sealed || plain;
  }

  async close(): Promise<void> {
    await this.inner.close();
  }
}
