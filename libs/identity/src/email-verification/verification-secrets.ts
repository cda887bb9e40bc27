import { createHash, createHmac } from 'node:crypto';
import { normalizeEmail } from '../decide';
import { emailKey } from './verification-events';

/**
 * The one-time link and code of a verification request, derived from the request's id under a
 * server key (a subkey of the mail thread secret), so neither is ever stored: the request keeps
 * the SHA-256 of the link's secret and a keyed hash of the code, and the outbox derives both
 * again when it writes the mail.
 *
 * Link token: `hdv.<sha256 of the address>.<verification id>.<base64url secret>`.
 */
export class VerificationSecrets {
  private readonly key: Buffer;

  constructor(masterKey: Buffer | string) {
    this.key = createHmac('sha256', masterKey).update('helpdesk email verification v1').digest();
  }

  linkToken(email: string, verificationId: string): string {
    return `hdv.${emailKey(email)}.${verificationId}.${this.linkSecret(verificationId)}`;
  }

  /** Six digits, evenly spread. */
  code(verificationId: string): string {
    const n = createHmac('sha256', this.key).update(`code\u0000${verificationId}`).digest().readUInt32BE(0);
    return String(n % 1_000_000).padStart(6, '0');
  }

  linkHash(verificationId: string): string {
    return sha256(this.linkSecret(verificationId));
  }

  /** What a code typed in for `email` is compared as (keyed: six digits hashed plainly could be tried in a blink). */
  codeHash(email: string, code: string): string {
    return createHmac('sha256', this.key).update(`code-hash\u0000${normalizeEmail(email)}\u0000${code.trim()}`).digest('base64url');
  }

  private linkSecret(verificationId: string): string {
    return createHmac('sha256', this.key).update(`link\u0000${verificationId}`).digest('base64url');
  }
}

export interface ParsedLinkToken {
  emailKey: string;
  verificationId: string;
  /** SHA-256 of the secret presented, to compare with the stored hash. */
  presentedHash: string;
}

const TOKEN = /^hdv\.([0-9a-f]{64})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Reads a presented link token; null when it cannot be one of ours. */
export function parseLinkToken(token: string): ParsedLinkToken | null {
  const match = typeof token === 'string' ? TOKEN.exec(token.trim()) : null;
  return match ? { emailKey: match[1], verificationId: match[2], presentedHash: sha256(match[3]) } : null;
}

export const CODE_PATTERN = /^\d{6}$/;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64url');
