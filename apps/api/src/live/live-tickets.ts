import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUserRole, UserRole } from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { Settings, SETTINGS } from '../config/settings';
import { liveSettings } from './live-settings';

/** What a stream ticket says: whose session it opens a stream for, and until when that stream may run. */
export interface LiveTicketClaims {
  sub: string;
  sid: string;
  role: UserRole;
  /** When the ticket can no longer open a stream (seconds since the epoch). */
  exp: number;
  /** When a stream opened with it ends: the access token's own expiry (seconds since the epoch). */
  until: number;
}

export class InvalidLiveTicket extends Error {}

const PREFIX = 'hdl.';
export const LIVE_TICKET_SHAPE = /^hdl\.[A-Za-z0-9_-]{1,1000}\.[A-Za-z0-9_-]{43}$/;

/**
 * Stream tickets: EventSource cannot send an Authorization header, and an access token in a URL
 * would sit in proxy logs and browser internals with the power of the whole API for 15 minutes.
 * A ticket instead opens GET /live only, within LIVE_TICKET_TTL_SECONDS (60 s), for the session of
 * the access token that asked for it; the access guard then checks that session, account and
 * role as for any request. `hdl.<claims>.<HMAC-SHA256>`, keyed by a key derived from the JWT
 * secret for this use alone, so no ticket can pass for an access token or the other way round.
 */
@Injectable()
export class LiveTickets {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;

  constructor(@Inject(SETTINGS) settings: Settings, @Inject(CLOCK) private readonly clock: Clock) {
    this.key = createHmac('sha256', resolveJwtSecret(settings)).update('helpdesk live stream tickets v1').digest();
    this.ttlSeconds = liveSettings(settings).ticketTtlSeconds;
  }

  issue(claims: Omit<LiveTicketClaims, 'exp'>): { ticket: string; expiresAt: Date } {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + this.ttlSeconds;
    const body = Buffer.from(JSON.stringify({ ...claims, exp })).toString('base64url');
    return { ticket: `${PREFIX}${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000) };
  }

  verify(ticket: string): LiveTicketClaims {
    if (!LIVE_TICKET_SHAPE.test(ticket)) throw new InvalidLiveTicket();
    const [body, signature] = ticket.slice(PREFIX.length).split('.');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidLiveTicket();
    let claims: Partial<LiveTicketClaims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<LiveTicketClaims>;
    } catch {
      throw new InvalidLiveTicket();
    }
    const now = this.clock.now().getTime() / 1000;
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || !isUserRole(claims.role) || typeof claims.exp !== 'number' || typeof claims.until !== 'number') throw new InvalidLiveTicket();
    if (claims.exp <= now) throw new InvalidLiveTicket();
    return claims as LiveTicketClaims;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
