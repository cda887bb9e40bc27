import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MasterKeyError, parseMasterKey } from '@helpdesk/privacy';

export const PII_MASTER_KEY_FILE = 'pii-master-key';

/**
 * The master key that wraps every subject's data key: PII_MASTER_KEY when set (it must be a
 * valid 256-bit key, or the start fails: personal data is never written under a bad key or in
 * clear). Unset on the embedded default: made once into DATA_DIR/pii-master-key (mode 0600),
 * as the JWT secret is. With EVENT_STORE_URL or MONGO_URL it must be configured: processes that
 * share no directory must share the key.
 */
export function resolvePiiMasterKey(settings: { PII_MASTER_KEY?: string; EVENT_STORE_URL?: string; MONGO_URL?: string; DATA_DIR: string }): Buffer {
  if (settings.PII_MASTER_KEY !== undefined) return parseMasterKey(settings.PII_MASTER_KEY, 'PII_MASTER_KEY');
  if (settings.EVENT_STORE_URL || settings.MONGO_URL) {
    throw new MasterKeyError('PII_MASTER_KEY is required with EVENT_STORE_URL or MONGO_URL: every process must wrap and unwrap data keys with the same master key (make one with `openssl rand -base64 32`).');
  }
  return keptMasterKey(settings.DATA_DIR);
}

function keptMasterKey(dataDir: string): Buffer {
  const path = join(dataDir, PII_MASTER_KEY_FILE);
  const existing = read(path);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true });
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('base64'), { mode: 0o600 });
  try {
    linkSync(draft, path); // fails if another process got there first: then theirs is the one
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  const key = read(path);
  if (!key) throw new MasterKeyError(`Cannot read the PII master key in ${path}`);
  return key;
}

function read(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // A damaged key file is not replaced: a new key would make every stored key unreadable.
  return parseMasterKey(text, file);
}
