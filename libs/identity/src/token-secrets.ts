import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Opaque bearer secrets: API tokens (`hdk.`) and refresh tokens (`hdr.`). Each carries its
 * owner's id and its own id in the clear, so the server finds the record in one read, and 256
 * random bits that only the holder knows. The server keeps a SHA-256 of the secret: a slow hash
 * adds nothing for a secret that is random and this long, and it keeps every request cheap.
 *
 * Format: `<kind>.<base64url user id>.<record id>.<base64url secret>`.
 */
export type SecretKind = 'hdk' | 'hdr';

export interface IssuedSecret {
  token: string;
  recordId: string;
  secretHash: string;
}

export interface ParsedSecret {
  kind: SecretKind;
  userId: string;
  recordId: string;
  secretHash: string;
}

/** A fresh secret; a rotated refresh token keeps its session's record id. */
export function issueSecret(kind: SecretKind, userId: string, recordId: string = randomUUID()): IssuedSecret {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${kind}.${Buffer.from(userId, 'utf8').toString('base64url')}.${recordId}.${secret}`, recordId, secretHash: hashSecret(secret) };
}

const FORMAT = /^(hdk|hdr)\.([A-Za-z0-9_-]{1,400})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Reads a presented secret; null when it cannot be one of ours. */
export function parseSecret(token: string, kind: SecretKind): ParsedSecret | null {
  const match = typeof token === 'string' ? FORMAT.exec(token) : null;
  if (!match || match[1] !== kind) return null;
  const userId = Buffer.from(match[2], 'base64url').toString('utf8');
  if (!userId) return null;
  return { kind, userId, recordId: match[3], secretHash: hashSecret(match[4]) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function secretHashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const looksLikeApiToken = (token: string) => token.startsWith('hdk.');
