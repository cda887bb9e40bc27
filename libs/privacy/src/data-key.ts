import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A subject's data key: 256 random bits, used with AES-256-GCM. */
export const newDataKey = (): Buffer => randomBytes(32);

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: iv (12) | tag (16) | ciphertext. `aad` is authenticated, not encrypted. */
export function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong or the bytes or their associated data were altered. */
export function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A data key wrapped by the master key, bound to its key id (a wrapped key cannot be moved to another id). */
export const wrapKey = (master: Buffer, keyId: string, key: Buffer): string => encrypt(master, key, `helpdesk-key:1:${keyId}`).toString('base64');

export const unwrapKey = (master: Buffer, keyId: string, wrapped: string): Buffer => decrypt(master, Buffer.from(wrapped, 'base64'), `helpdesk-key:1:${keyId}`);
