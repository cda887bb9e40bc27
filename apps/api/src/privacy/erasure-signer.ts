import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf } from '@helpdesk/event-store';
import { loadCheckpointSigner, SIGNING_KEY_FILE } from '../audit/audit-signing-key';

/** Erasure proofs are signed with the audit key that signs feed checkpoints, so an auditor checks both with one public key. */
export class ErasureSigner {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(settings: { AUDIT_SIGNING_KEY?: string; DATA_DIR: string }) {
    loadCheckpointSigner(settings); // makes DATA_DIR's key on first use, as the checkpoints do
    const pem = settings.AUDIT_SIGNING_KEY ?? readFileSync(join(settings.DATA_DIR, SIGNING_KEY_FILE), 'utf8');
    this.privateKey = createPrivateKey(pem);
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }
}
