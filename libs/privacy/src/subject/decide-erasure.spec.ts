import { generateKeyPairSync } from 'node:crypto';
import { decideErasure, foldSubject, PrivacyError } from './decide-erasure';
import { erasureProofValid, signErasure } from './erasure-proof';
import { isDue, purposesFor, retentionCutoff } from './retention-policy';

const now = new Date('2026-06-01T00:00:00.000Z');
const erase = (reason = 'customer request 2026-05-30') => ({ type: 'EraseSubject' as const, data: { subjectId: 's-1', reason, scopes: ['ticket-b', 'ticket-a', 'ticket-a'], blobs: ['f'.repeat(64)] } });

describe('erasing a data subject', () => {
  it('given a subject never erased, when erased, then the erasure names its scopes once, sorted, and when', () => {
    expect(decideErasure(foldSubject([]), erase(), now)).toEqual({ subjectId: 's-1', reason: 'customer request 2026-05-30', scopes: ['ticket-a', 'ticket-b'], blobs: ['f'.repeat(64)], erasedAt: now.toISOString() });
  });

  it('given an erased subject, when erased again, then it is refused', () => {
    const erased = decideErasure(foldSubject([]), erase(), now);
    const state = foldSubject([{ type: 'SubjectErased', data: { ...erased, proof: { keyId: 'k', signature: 's' } } }]);
    expect(() => decideErasure(state, erase(), now)).toThrow(expect.objectContaining({ code: 'already_erased' }));
  });

  it('refuses an erasure without a reason', () => {
    expect(() => decideErasure(foldSubject([]), erase('   '), now)).toThrow(PrivacyError);
  });

  it('signs the proof: it verifies, and fails once any field is changed', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signed = signErasure(decideErasure(foldSubject([]), erase(), now), privateKey, 'key-1');
    expect(erasureProofValid(signed, publicKey)).toBe(true);
    expect(erasureProofValid({ ...signed, scopes: ['ticket-a'] }, publicKey)).toBe(false);
    expect(erasureProofValid(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });
});

describe('retention policy', () => {
  const policy = { closedTicketDays: 30, action: 'erase' as const, dryRun: false };
  it('is due for a ticket closed before the cutoff only', () => {
    expect(retentionCutoff(policy, now)!.toISOString()).toBe('2026-05-02T00:00:00.000Z');
    expect(isDue(policy, { status: 'closed', closedAt: '2026-05-01T23:59:59.000Z' }, now)).toBe(true);
    expect(isDue(policy, { status: 'closed', closedAt: '2026-05-02T00:00:01.000Z' }, now)).toBe(false);
    expect(isDue(policy, { status: 'resolved', closedAt: null }, now)).toBe(false);
    expect(isDue({ ...policy, closedTicketDays: 0 }, { status: 'closed', closedAt: '2020-01-01T00:00:00.000Z' }, now)).toBe(false);
  });
  it('erases both keys, anonymises the identity only', () => {
    expect(purposesFor('erase')).toEqual(['identity', 'content']);
    expect(purposesFor('anonymise')).toEqual(['identity']);
  });
});
