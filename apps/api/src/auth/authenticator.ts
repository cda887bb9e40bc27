import { Inject, Injectable } from '@nestjs/common';
import { Request } from 'express';
import { UserDirectory } from '@helpdesk/application';
import { apiTokenUsable, looksLikeApiToken, parseSecret, secretHashesEqual, sessionLive, User } from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { ERASED_EMAIL } from '@helpdesk/privacy';
import { problem, ProblemException } from '../http/problem';
import { AccessTokens, InvalidAccessToken } from './access-tokens';
import { Credential, Principal } from './principal';

const BEARER = /^Bearer ([\x21-\x7e]{1,4096})$/i;

/**
 * Who is calling: `Authorization: Bearer <access token>` (a JWT from sign-in) or
 * `Authorization: Bearer <API token>` (`hdk.…`). Either way the account is read from the user
 * directory on every request, so a deactivated account, an ended session, a revoked API token
 * or a changed role stops working at once, not when a token expires.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly directory: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(request: Request): Promise<Principal> {
    const header = request.header('authorization');
    if (header === undefined) {
      throw unauthenticated('unauthenticated', 'Sign in first: send Authorization: Bearer <access token or API token>.', false);
    }
    const match = BEARER.exec(header.trim());
    if (!match) throw unauthenticated('invalid-token', 'The Authorization header must be "Bearer <token>".');
    const token = match[1];
    return looksLikeApiToken(token) ? this.byApiToken(token) : this.byAccessToken(token);
  }

  private async byAccessToken(token: string): Promise<Principal> {
    let claims;
    try {
      claims = this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw unauthenticated(error.reason === 'expired' ? 'token-expired' : 'invalid-token', error.message);
      throw error;
    }
    const found = await this.directory.get(claims.sub);
    const user = found?.user;
    if (!user || erasedAccount(user) || !sessionLive(user, claims.sid, this.clock.now())) {
      throw unauthenticated('invalid-token', 'This session has ended; sign in again.');
    }
    if (user.role !== claims.role) throw unauthenticated('token-outdated', 'Your role has changed since this token was issued; refresh it.');
    return principal(user, { kind: 'session', sessionId: claims.sid });
  }

  private async byApiToken(token: string): Promise<Principal> {
    const parsed = parseSecret(token, 'hdk');
    const found = parsed ? await this.directory.get(parsed.userId) : null;
    const user = found?.user;
    const record = user && parsed ? user.apiTokens[parsed.recordId] : undefined;
    if (!user || erasedAccount(user) || !parsed || !record || !secretHashesEqual(parsed.secretHash, record.secretHash) || !apiTokenUsable(user, parsed.recordId, this.clock.now())) {
      throw unauthenticated('invalid-token', 'The API token is not valid (unknown, revoked or expired).');
    }
    return principal(user, { kind: 'api_token', tokenId: parsed.recordId });
  }
}

/** A customer account whose person was erased signs in no more (also before its AccountErased is written: the email reads erased). */
export const erasedAccount = (user: User) => user.erased === true || user.email === ERASED_EMAIL;

function principal(user: User, credential: Credential): Principal {
  return { id: user.id, role: user.role, email: user.email, name: user.name, teams: user.teams, piiAccess: user.piiAccess, credential };
}

/** 401 with the RFC 6750 challenge. */
export function unauthenticated(code: string, detail: string, tokenPresented = true): ProblemException {
  const error = problem(401, code, code === 'unauthenticated' ? 'Who is asking?' : 'Not signed in', detail);
  error.headers['WWW-Authenticate'] = tokenPresented ? `Bearer realm="helpdesk", error="invalid_token"` : 'Bearer realm="helpdesk"';
  return error;
}
