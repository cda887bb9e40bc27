import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto: a memory-hard KDF maintained with Node itself,
 * so no native add-on to build (argon2 would need one). Each hash has its own random salt and
 * names the parameter version it was made with; raising the cost adds a version, and a password
 * hashed with an older one is rehashed at the next successful sign-in.
 *
 * Format: `$scrypt$v=<version>$<salt, base64url>$<hash, base64url>`.
 */
interface ScryptParameters {
  N: number;
  r: number;
  p: number;
  keyLength: number;
  saltLength: number;
}

/** OWASP's scrypt floor (2^15, 8, 3): 32 MiB of memory per hash. Never edit a version: add one. */
const VERSIONS: Record<number, ScryptParameters> = {
  1: { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltLength: 16 },
};
export const CURRENT_PASSWORD_HASH_VERSION = 1;

export const PASSWORD_MIN_LENGTH = 12;
/** Long inputs cost the same to hash, but a cap keeps request bodies and memory honest. */
export const PASSWORD_MAX_LENGTH = 256;

const FORMAT = /^\$scrypt\$v=(\d{1,4})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Why a password is not acceptable, or null when it is. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'password must be a string.';
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must have at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `password must have at most ${PASSWORD_MAX_LENGTH} characters.`;
  return null;
}

export async function hashPassword(password: string, version = CURRENT_PASSWORD_HASH_VERSION): Promise<string> {
  const params = VERSIONS[version];
  const salt = randomBytes(params.saltLength);
  const key = await derive(password, salt, params);
  return `$scrypt$v=${version}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with older parameters: store a fresh one. */
  needsRehash: boolean;
}

/** Compares in constant time; an unreadable stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<PasswordCheck> {
  const match = FORMAT.exec(stored);
  const params = match ? VERSIONS[Number(match[1])] : undefined;
  if (!match || !params || typeof password !== 'string') return { ok: false, needsRehash: false };
  const expected = Buffer.from(match[3], 'base64url');
  const actual = await derive(password, Buffer.from(match[2], 'base64url'), params);
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && Number(match[1]) !== CURRENT_PASSWORD_HASH_VERSION };
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real check would for an account that does not exist (or has no password),
 * so response times do not reveal which emails are registered.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword('not-a-password-anyone-has');
  await verifyPassword(typeof password === 'string' ? password : '', await dummy);
  return false;
}
