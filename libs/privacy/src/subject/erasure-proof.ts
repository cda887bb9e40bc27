import { KeyObject, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { SubjectErasedData } from './subject-events';

type Unsigned = Omit<SubjectErasedData, 'proof'>;

const signedPart = (e: Unsigned, keyId: string) =>
  Buffer.from(canonicalize({ subjectId: e.subjectId, reason: e.reason, scopes: e.scopes, blobs: e.blobs, erasedAt: e.erasedAt, keyId }) ?? '');

export function signErasure(erasure: Unsigned, privateKey: KeyObject, keyId: string): SubjectErasedData {
  return { ...erasure, proof: { keyId, signature: sign(null, signedPart(erasure, keyId), privateKey).toString('base64') } };
}

export function erasureProofValid(erasure: SubjectErasedData, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedPart(erasure, erasure.proof.keyId), publicKey, Buffer.from(erasure.proof.signature, 'base64'));
  } catch {
    return false;
  }
}
