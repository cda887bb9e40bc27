import { ProblemException } from '../http/problem';
import { customerRef, SatisfactionTokens } from './satisfaction-token';

const tokens = new SatisfactionTokens('k'.repeat(64));
const claims = { ticketId: 't-1', offerId: 'HD-000001-R1', customerEmail: 'Ayesha@Example.pk', expiresAt: '2026-01-12T07:00:00.000Z' };
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as ProblemException).problem;
  }
  throw new Error('not refused');
};

describe('rating link tokens', () => {
  it('round-trip the ticket, the offer and the customer (as a hash, never the address)', () => {
    const token = tokens.sign(claims);
    expect(token).not.toMatch(/ayesha/i);
    expect(Buffer.from(token.split('.')[1], 'base64url').toString()).not.toMatch(/ayesha/i);
    expect(tokens.verify(token, new Date('2026-01-12T07:00:00.000Z'))).toEqual({ ticketId: 't-1', offerId: 'HD-000001-R1', customer: customerRef('ayesha@example.pk'), expiresAt: new Date(claims.expiresAt) });
    expect(tokens.sign(claims)).toBe(token);
  });
  it('expire', () => {
    expect(refusal(() => tokens.verify(tokens.sign(claims), new Date('2026-01-12T07:00:01.000Z')))).toMatchObject({ status: 410, type: 'urn:helpdesk:problem:rating-link-expired' });
  });
  it('refuse any change, another key, and garbage', () => {
    const [v, body, mac] = tokens.sign(claims).split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), o: 'HD-000001-R2' })).toString('base64url');
    for (const forged of [`${v}.${other}.${mac}`, new SatisfactionTokens('x'.repeat(64)).sign(claims), `${v}.${body}.${mac.slice(0, -2)}`, 'nonsense', '', 'r1..', 'x'.repeat(5000)]) {
      expect(refusal(() => tokens.verify(forged, new Date('2026-01-06T00:00:00.000Z')))).toMatchObject({ status: 400, type: 'urn:helpdesk:problem:rating-link-invalid' });
    }
  });
});
