import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { StoredEvent } from '../stored-event';
import { eventHash, GENESIS_HASH, linkOf } from './event-hash';

/** The stream that holds signed checkpoints of the global feed. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_EVENT = 'FeedCheckpointSigned';

export interface FeedCheckpoint {
  /** Last position the checkpoint covers. */
  position: string;
  /** Events covered since the start of the feed. */
  events: number;
  /** Rolling SHA-256 over every event's hash, in feed order, up to `position`. */
  feedHash: string;
  signedAt: string;
  /** SHA-256 of the public key (DER), naming the key that signed. */
  keyId: string;
  /** Ed25519 signature (base64) over the canonical JSON of the fields above. */
  signature: string;
}

/** Folds one event into the feed hash; the event's own chain hash stands for its content. */
export function nextFeedHash(previous: string, event: StoredEvent): string {
  const own = linkOf(event.metadata)?.hash ?? eventHash(GENESIS_HASH, event);
  return createHash('sha256').update(`${previous}\n${event.position.toString()}\n${own}`).digest('hex');
}

const signedPart = (c: Omit<FeedCheckpoint, 'signature'>) =>
  Buffer.from(canonicalize({ position: c.position, events: c.events, feedHash: c.feedHash, signedAt: c.signedAt, keyId: c.keyId }) ?? '');

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Signs checkpoints with an Ed25519 private key (PEM). */
export class CheckpointSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  private readonly privateKey: KeyObject;

  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  sign(unsigned: Omit<FeedCheckpoint, 'signature' | 'keyId'>): FeedCheckpoint {
    const body = { ...unsigned, keyId: this.keyId };
    return { ...body, signature: sign(null, signedPart(body), this.privateKey).toString('base64') };
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

export function checkpointSignatureValid(checkpoint: FeedCheckpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, signedPart(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
