import { createHmac } from 'node:crypto';

/** A master key is 256 bits: 64 hex digits or 43-44 base64/base64url characters. */
export const MASTER_KEY_BYTES = 32;

export class MasterKeyError extends Error {}

/**
 * The key that wraps every subject's data key. Parsed strictly: a key that is set but not
 * exactly 256 bits stops the start, so personal data is never written under a wrong or
 * truncated key, nor in clear.
 */
export function parseMasterKey(text: string, source: string): Buffer {
  const value = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) key = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== MASTER_KEY_BYTES) {
    throw new MasterKeyError(
      `${source} is not a valid master key: it must be 256 bits, as 64 hex digits or 43 base64 characters (e.g. \`openssl rand -base64 32\`).`,
    );
  }
  return key;
}

/** A key derived from the master key for one purpose (HMAC-SHA256 as the KDF; the master key is uniformly random). */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  return createHmac('sha256', master).update(`helpdesk-privacy:${purpose}`).digest();
}

/** Stored beside the keys: tells, at start, whether the configured master key is the one they were wrapped with. */
export function masterKeyCheck(master: Buffer): string {
  return deriveKey(master, 'check').toString('hex').slice(0, 32);
}
