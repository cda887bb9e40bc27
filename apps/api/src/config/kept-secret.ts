import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A random key (512 bits unless `make` says otherwise) made on first start and kept (mode 0600) as `DATA_DIR/<file>`, so restarts
 * keep it; two processes starting at once agree on one through an atomic link. For the embedded
 * default only: processes that share no directory must be given the key in their settings.
 */
export function keptSecret(dataDir: string, file: string, make: () => string = () => randomBytes(64).toString('base64url')): string {
  const path = join(dataDir, file);
  const existing = read(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, make(), { mode: 0o600 });
  try {
    linkSync(draft, path); // fails if another process got there first: then theirs is the one
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  const secret = read(path);
  if (!secret) throw new Error(`Cannot read the key in ${path}`);
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
