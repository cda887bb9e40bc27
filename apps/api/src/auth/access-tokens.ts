import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUserRole, User, UserRole } from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';

export const ISSUER = 'helpdesk';
export const AUDIENCE = 'helpdesk-api';
/** RFC 9068's type for access tokens: no other JWT we might sign one day can pass for one. */
const TOKEN_TYPE = 'at+jwt';

export interface AccessClaims {
  sub: string;
  /** The sign-in session: ending it (sign-out, new password, deactivation) ends this token too. */
  sid: string;
  role: UserRole;
  teams: string[];
  iat: number;
  exp: number;
}

export class InvalidAccessToken extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired; refresh it or sign in again.' : 'The access token is not valid.');
  }
}

/**
 * Short-lived signed access tokens (JWT, HS256 only: no `none`, no algorithm from the token).
 * Times come from the injected clock, so tests control expiry like every other time.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  get ttlSeconds(): number {
    return this.settings.AUTH_ACCESS_TOKEN_TTL_SECONDS;
  }

  issue(user: Pick<User, 'id' | 'role' | 'teams'>, sessionId: string): string {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return this.jwt.sign(
      { sub: user.id, sid: sessionId, role: user.role, teams: user.teams, iat },
      { algorithm: 'HS256', expiresIn: this.ttlSeconds, issuer: ISSUER, audience: AUDIENCE, header: { alg: 'HS256', typ: TOKEN_TYPE } },
    );
  }

  verify(token: string): AccessClaims {
    let decoded: { header: { typ?: string }; payload: Partial<AccessClaims> };
    try {
      decoded = this.jwt.verify(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
        complete: true,
      }) as unknown as typeof decoded;
    } catch (error) {
      throw new InvalidAccessToken((error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid');
    }
    const { header, payload } = decoded;
    if (header.typ !== TOKEN_TYPE || typeof payload.exp !== 'number' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !isUserRole(payload.role)) {
      throw new InvalidAccessToken('invalid');
    }
    return payload as AccessClaims;
  }
}
