import { hashPassword, passwordProblem, verifyPassword } from './password-hasher';
import { hashSecret, issueSecret, parseSecret, secretHashesEqual } from './token-secrets';

describe('password hashing (scrypt)', () => {
  it('salts every hash, verifies the right password only, and names its parameter version', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^\$scrypt\$v=1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toEqual({ ok: true, needsRehash: false });
    expect(await verifyPassword('correct horse batterY', a)).toEqual({ ok: false, needsRehash: false });
  });
  it('never matches a malformed or unknown-version hash', async () => {
    const good = await hashPassword('correct horse battery');
    for (const bad of ['', 'plain', good.replace('v=1', 'v=9'), good.replace('$scrypt$', '$argon2$'), good.slice(0, -4)]) {
      expect(await verifyPassword('correct horse battery', bad)).toEqual({ ok: false, needsRehash: false });
    }
  });
  it('wants at least 12 characters and at most 256', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('پاس ورڈ بہت لمبا ہے')).toBeNull();
    expect(passwordProblem(42)).toMatch(/string/);
  });
});

describe('opaque token secrets', () => {
  it('carry the owner and record id, and keep only a hash of the secret', () => {
    const issued = issueSecret('hdk', 'agent-ali');
    const parsed = parseSecret(issued.token, 'hdk');
    expect(parsed).toEqual({ kind: 'hdk', userId: 'agent-ali', recordId: issued.recordId, secretHash: issued.secretHash });
    expect(issued.token).not.toContain(issued.secretHash);
    expect(secretHashesEqual(parsed!.secretHash, issued.secretHash)).toBe(true);
    expect(secretHashesEqual(hashSecret('other'), issued.secretHash)).toBe(false);
  });
  it('refuse the other kind and anything malformed', () => {
    const issued = issueSecret('hdr', 'cust@example.com');
    expect(parseSecret(issued.token, 'hdk')).toBeNull();
    for (const bad of ['', 'hdr', `${issued.token}x`, issued.token.replace('hdr.', 'hdr..'), 'hdr.YQ.not-a-uuid.' + 'a'.repeat(43)]) {
      expect(parseSecret(bad, 'hdr')).toBeNull();
    }
  });
});
