import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { MasterKeyError, parseMasterKey } from '@helpdesk/privacy';
import { keptSecret } from '../config/kept-secret';

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
  let text: string;
  try {
    text = keptSecret(dataDir, PII_MASTER_KEY_FILE, () => randomBytes(32).toString('base64'));
  } catch (error) {
    // A damaged key file is not replaced: a new key would make every stored key unreadable.
    throw new MasterKeyError(`Cannot read the PII master key in ${path}: ${(error as Error).message}`);
  }
  return parseMasterKey(text, path);
}
