import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Settings } from '../config/settings';

export const JWT_SECRET_FILE = 'auth-jwt-secret';

/**
 * The key that signs access tokens. AUTH_JWT_SECRET when set. Otherwise, on the embedded default
 * only, a random 512-bit key made on first start and kept (mode 0600) in DATA_DIR, so restarts
 * keep sessions; two processes starting at once agree on one through an atomic link. With
 * EVENT_STORE_URL the processes share no directory, so the secret must be configured.
 */
export function resolveJwtSecret(settings: Settings): string {
  if (settings.AUTH_JWT_SECRET) return settings.AUTH_JWT_SECRET;
  if (settings.EVENT_STORE_URL) {
    throw new Error('AUTH_JWT_SECRET is required with EVENT_STORE_URL: every API process must sign and check tokens with the same key.');
  }
  const file = join(settings.DATA_DIR, JWT_SECRET_FILE);
  const existing = read(file);
  if (existing) return existing;
  mkdirSync(settings.DATA_DIR, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, randomBytes(64).toString('base64url'), { mode: 0o600 });
  try {
    linkSync(draft, file); // fails if another process got there first: then theirs is the one
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  const secret = read(file);
  if (!secret) throw new Error(`Cannot read the token signing key in ${file}`);
  return secret;
}

function read(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length >= 32 ? text : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
