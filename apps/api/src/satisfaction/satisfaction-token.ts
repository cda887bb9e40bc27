import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { problem } from '../http/problem';

/** What a rating link names: the ticket, the offer (resolution episode), the customer, and when it stops working. */
export interface SatisfactionClaims {
  ticketId: string;
  offerId: string;
  /** SHA-256 of the customer's email (lower-cased), base64url, cut to 22 characters: no address in the URL. */
  customer: string;
  expiresAt: Date;
}

const VERSION = 'r1';
const MAX_TOKEN = 600;

/** The customer as a rating link names them. */
export const customerRef = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);

/**
 * Signed rating tokens: `r1.<base64url claims>.<base64url HMAC-SHA256>`. Deterministic for the
 * same claims, so the mail can be rendered again (a resend) with the same links, and nothing
 * secret is stored in the outbox's events.
 */
export class SatisfactionTokens {
  constructor(private readonly key: string | Buffer) {}

  sign(claims: { ticketId: string; offerId: string; customerEmail: string; expiresAt: Date | string }): string {
    const body = Buffer.from(
      JSON.stringify({ t: claims.ticketId, o: claims.offerId, c: customerRef(claims.customerEmail), e: Math.floor(new Date(claims.expiresAt).getTime() / 1000) }),
    ).toString('base64url');
    return `${VERSION}.${body}.${this.mac(body)}`;
  }

  /** The claims of a genuine token that has not expired at `now`; otherwise a problem saying which. */
  verify(token: string, now: Date): SatisfactionClaims {
    const parts = typeof token === 'string' && token.length <= MAX_TOKEN ? token.split('.') : [];
    if (parts.length !== 3 || parts[0] !== VERSION) throw invalidLink();
    const [, body, mac] = parts;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidLink();
    let raw: { t?: unknown; o?: unknown; c?: unknown; e?: unknown };
    try {
      raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidLink();
    }
    if (typeof raw.t !== 'string' || typeof raw.o !== 'string' || typeof raw.c !== 'string' || typeof raw.e !== 'number') throw invalidLink();
    const expiresAt = new Date(raw.e * 1000);
    if (now.getTime() > expiresAt.getTime()) {
      throw problem(410, 'rating-link-expired', 'This rating link has expired', `The rating could be given or changed until ${expiresAt.toISOString()}; it is final now.`, { expiresAt: expiresAt.toISOString() });
    }
    return { ticketId: raw.t, offerId: raw.o, customer: raw.c, expiresAt };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${body}`).digest('base64url');
  }
}

const invalidLink = () => problem(400, 'rating-link-invalid', 'This rating link is not valid', 'The link is incomplete or was not made by this helpdesk. Open the link from the email again, or rate the request in the customer portal.');
