import { given, NOW } from './testing/verification-spec';
import { VerificationCommand } from './verification-commands';
import { PendingSubmission, VerificationEvent } from './verification-events';
import { parseLinkToken, VerificationSecrets } from './verification-secrets';

const ID1 = '11111111-1111-4111-8111-111111111111';
const ID2 = '22222222-2222-4222-8222-222222222222';
const EMAIL = 'ayesha@example.pk';

const request = (verificationId = ID1, extra: Partial<Extract<VerificationCommand, { type: 'RequestVerification' }>['data']> = {}): VerificationCommand => ({
  type: 'RequestVerification',
  data: { verificationId, email: ' Ayesha@Example.PK ', purpose: 'sign_in', linkHash: `link-${verificationId}`, codeHash: `code-${verificationId}`, language: 'ur', name: null, submission: null, ...extra },
});
const requested = (verificationId = ID1, occurredAt = '2026-01-05T06:55:00.000Z', extra: object = {}): VerificationEvent & { occurredAt: string } => ({
  type: 'EmailVerificationRequested',
  data: {
    verificationId,
    email: EMAIL,
    purpose: 'sign_in',
    linkHash: `link-${verificationId}`,
    codeHash: `code-${verificationId}`,
    expiresAt: new Date(new Date(occurredAt).getTime() + 15 * 60_000).toISOString(),
    language: 'ur',
    name: null,
    submission: null,
    ...extra,
  },
  occurredAt,
});
const byLink = (verificationId: string, presentedHash: string): VerificationCommand => ({ type: 'VerifyEmail', data: { method: 'link', verificationId, presentedHash, userId: 'cust-1' } });
const byCode = (presentedHash: string): VerificationCommand => ({ type: 'VerifyEmail', data: { method: 'code', presentedHash, userId: 'cust-1' } });
const rejected = (occurredAt: string): VerificationEvent & { occurredAt: string } => ({ type: 'VerificationCodeRejected', data: {}, occurredAt });

describe('requesting a link and code', () => {
  it('records the request with a normalised address and an expiry ttl minutes ahead', () => {
    given().when(request()).then([
      {
        type: 'EmailVerificationRequested',
        data: { verificationId: ID1, email: EMAIL, purpose: 'sign_in', linkHash: `link-${ID1}`, codeHash: `code-${ID1}`, expiresAt: '2026-01-05T07:15:00.000Z', language: 'ur', name: null, submission: null },
      },
    ]);
  });
  it('throttles per address: the sixth request within the hour is refused, with how long to wait', () => {
    const five = [0, 1, 2, 3, 4].map((i) => requested(`0000000${i}-1111-4111-8111-111111111111`, `2026-01-05T06:${String(10 + i).padStart(2, '0')}:00.000Z`));
    const error = given(...five).when(request(ID2)).thenFails('too_many_requests', /try again in/);
    expect(error.retryAfterSeconds).toBe(10 * 60); // the oldest (06:10) leaves the window at 07:10
    // An hour after the oldest it is allowed again.
    given(...five).when(request(ID2), { now: new Date('2026-01-05T07:10:01.000Z') }).then([expect.objectContaining({ type: 'EmailVerificationRequested' }) as VerificationEvent]);
  });
  it('refuses a bad address, missing hashes, a reused id, and a submission without its purpose', () => {
    given().when(request(ID1, { email: 'not-an-email' })).thenFails('invalid_command', /email/);
    given().when(request(ID1, { linkHash: '' })).thenFails('invalid_command', /hashes/);
    given(requested()).when(request(ID1)).thenFails('invalid_command', /already exists/);
    given().when(request(ID1, { purpose: 'submit_ticket' })).thenFails('invalid_command', /submission/);
    given().when(request(ID1, { submission: {} as PendingSubmission })).thenFails('invalid_command', /submission/);
  });
  it('takes a new request for an address whose person was erased (their requests read under the reserved .invalid domain)', () => {
    given(requested(ID1, '2026-01-05T06:55:00.000Z', { email: 'erased@erased.invalid' }))
      .when(request(ID2))
      .then([expect.objectContaining({ type: 'EmailVerificationRequested', data: expect.objectContaining({ verificationId: ID2, email: EMAIL }) }) as VerificationEvent]);
    given(requested(ID1, '2026-01-05T06:55:00.000Z', { email: 'someone.else@example.pk' })).when(request(ID2)).thenFails('invalid_command', /another address/);
  });
});

describe('verifying by link', () => {
  it('accepts the right secret once, before it expires', () => {
    given(requested()).when(byLink(ID1, `link-${ID1}`)).then([{ type: 'EmailVerified', data: { verificationId: ID1, method: 'link', purpose: 'sign_in', userId: 'cust-1' } }]);
  });
  it('refuses a reused link', () => {
    given(requested(), { type: 'EmailVerified', data: { verificationId: ID1, method: 'link', purpose: 'sign_in', userId: 'cust-1' }, occurredAt: '2026-01-05T06:56:00.000Z' })
      .when(byLink(ID1, `link-${ID1}`))
      .thenFails('already_used');
  });
  it('refuses an expired link', () => {
    given(requested()).when(byLink(ID1, `link-${ID1}`), { now: new Date('2026-01-05T07:10:00.000Z') }).thenFails('expired');
  });
  it('refuses a forged secret, an unknown request and an address with no requests alike', () => {
    given(requested()).when(byLink(ID1, 'forged')).thenFails('invalid_proof');
    given(requested()).when(byLink(ID2, `link-${ID1}`)).thenFails('invalid_proof');
    given().when(byLink(ID1, `link-${ID1}`)).thenFails('invalid_proof');
  });
});

describe('verifying by code', () => {
  it('accepts a live code and names the request it belongs to', () => {
    given(requested(ID1), requested(ID2, '2026-01-05T06:58:00.000Z')).when(byCode(`code-${ID1}`)).then([
      { type: 'EmailVerified', data: { verificationId: ID1, method: 'code', purpose: 'sign_in', userId: 'cust-1' } },
    ]);
  });
  it('records a wrong code (it counts towards the lock) instead of failing silently', () => {
    given(requested()).when(byCode('wrong')).then([{ type: 'VerificationCodeRejected', data: {} }]);
  });
  it('locks codes for the address after five wrong ones within the hour; a link still works', () => {
    const wrong = [1, 2, 3, 4, 5].map((m) => rejected(`2026-01-05T06:5${m}:00.000Z`));
    given(requested(), ...wrong).when(byCode(`code-${ID1}`)).thenFails('too_many_attempts', /use the link/);
    given(requested(), ...wrong).when(byLink(ID1, `link-${ID1}`)).then([expect.objectContaining({ type: 'EmailVerified' }) as VerificationEvent]);
    given(requested(), ...wrong).when(byCode(`code-${ID1}`), { now: new Date('2026-01-05T07:51:30.000Z') }).thenFails('expired');
  });
  it('refuses a used or expired code without counting it as a guess', () => {
    given(requested(), { type: 'EmailVerified', data: { verificationId: ID1, method: 'code', purpose: 'sign_in', userId: 'cust-1' }, occurredAt: '2026-01-05T06:56:00.000Z' })
      .when(byCode(`code-${ID1}`))
      .thenFails('already_used');
    given(requested()).when(byCode(`code-${ID1}`), { now: new Date('2026-01-05T08:00:00.000Z') }).thenFails('expired');
  });
  it('a success clears the wrong codes', () => {
    const wrong = [1, 2, 3, 4].map((m) => rejected(`2026-01-05T06:5${m}:00.000Z`));
    given(requested(ID1), ...wrong, { type: 'EmailVerified', data: { verificationId: ID1, method: 'code', purpose: 'sign_in', userId: 'cust-1' }, occurredAt: '2026-01-05T06:59:00.000Z' }, rejected('2026-01-05T06:59:30.000Z'), requested(ID2, '2026-01-05T06:59:40.000Z'))
      .when(byCode(`code-${ID2}`))
      .then([expect.objectContaining({ type: 'EmailVerified' }) as VerificationEvent]);
  });
});

describe('the link and code secrets', () => {
  const secrets = new VerificationSecrets('a master key of at least thirty-two characters');
  it('derives a six-digit code and a link whose secret only the key reproduces', () => {
    const token = secrets.linkToken(EMAIL, ID1);
    const parsed = parseLinkToken(token)!;
    expect(parsed).toMatchObject({ verificationId: ID1 });
    expect(parsed.presentedHash).toBe(secrets.linkHash(ID1));
    expect(secrets.code(ID1)).toMatch(/^\d{6}$/);
    expect(secrets.codeHash(EMAIL, secrets.code(ID1))).toBe(secrets.codeHash(' AYESHA@example.pk', ` ${secrets.code(ID1)} `));
    const other = new VerificationSecrets('another master key of thirty-two characters!');
    expect(other.linkHash(ID1)).not.toBe(secrets.linkHash(ID1));
    expect(other.codeHash(EMAIL, '123456')).not.toBe(secrets.codeHash(EMAIL, '123456'));
  });
  it('reads only well-formed tokens', () => {
    expect(parseLinkToken('hdv.x.y.z')).toBeNull();
    expect(parseLinkToken(secrets.linkToken(EMAIL, ID1).slice(0, -1))).toBeNull();
    expect(parseLinkToken(42 as unknown as string)).toBeNull();
  });
  void NOW;
});
