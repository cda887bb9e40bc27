import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointSigner } from '@helpdesk/event-store';

export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * The key that signs feed checkpoints: AUDIT_SIGNING_KEY when set (production: from a secret
 * store), else one generated on first start and kept in DATA_DIR, readable by the owner only.
 */
export function loadCheckpointSigner(settings: { AUDIT_SIGNING_KEY?: string; DATA_DIR: string }): CheckpointSigner {
  if (settings.AUDIT_SIGNING_KEY) return new CheckpointSigner(settings.AUDIT_SIGNING_KEY);
  const file = join(settings.DATA_DIR, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(settings.DATA_DIR, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  return new CheckpointSigner(readFileSync(file, 'utf8'));
}

/** The verifying key, without creating one: undefined when no key was ever made. */
export function existingCheckpointSigner(settings: { AUDIT_SIGNING_KEY?: string; DATA_DIR: string }): CheckpointSigner | undefined {
  if (settings.AUDIT_SIGNING_KEY) return new CheckpointSigner(settings.AUDIT_SIGNING_KEY);
  const file = join(settings.DATA_DIR, SIGNING_KEY_FILE);
  return existsSync(file) ? new CheckpointSigner(readFileSync(file, 'utf8')) : undefined;
}
