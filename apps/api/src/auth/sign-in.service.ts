import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UserAccounts } from '@helpdesk/application';
import { hashPassword, issueSecret, parseSecret, passwordProblem, User, verifyAgainstNothing, verifyPassword } from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { problem } from '../http/problem';
import { AccessTokens } from './access-tokens';
import { erasedAccount, unauthenticated } from './authenticator';
import { LoginThrottle } from './login-throttle';
import { Principal } from './principal';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: PublicProfile;
}

export interface PublicProfile {
  id: string;
  email: string;
  name: string;
  role: string;
  teams: string[];
  piiAccess: boolean;
}

export const profileOf = (u: Pick<User, 'id' | 'email' | 'name' | 'role' | 'teams' | 'piiAccess'>): PublicProfile => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teams: u.teams,
  piiAccess: u.piiAccess,
});

/** Sign-in with a password, refresh-token rotation, sign-out and password changes. */
@Injectable()
export class SignInService {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async login(email: string, password: string, address: string, correlationId: string): Promise<TokenPair> {
    this.throttle.check(email, address);
    const user = await this.accounts.findByEmail(email);
    const check = user?.passwordHash && user.active ? await verifyPassword(password, user.passwordHash) : { ok: await verifyAgainstNothing(password), needsRehash: false };
    if (!user || !check.ok) {
      this.throttle.failed(email, address);
      throw unauthenticated('invalid-credentials', 'The email or the password is wrong.', false);
    }
    this.throttle.succeeded(email);
    const self = { actor: { id: user.id, role: user.role }, correlationId };
    if (check.needsRehash) await this.accounts.execute(user.id, { type: 'RehashPassword', data: { passwordHash: await hashPassword(password) } }, self);
    return this.startSession(user, correlationId);
  }

  /** A new session for an account that has proved who it is (a password, or an email's link or code). */
  async startSession(user: User, correlationId: string): Promise<TokenPair> {
    const refresh = issueSecret('hdr', user.id);
    const expiresAt = this.refreshExpiry();
    const self = { actor: { id: user.id, role: user.role }, correlationId };
    const result = await this.accounts.execute(user.id, { type: 'StartSession', data: { sessionId: refresh.recordId, refreshTokenHash: refresh.secretHash, expiresAt } }, self);
    return this.pair(result.user, refresh.recordId, refresh.token, expiresAt);
  }

  /** Rotates the refresh token; an already used one ends its session (someone kept a copy). */
  async refresh(refreshToken: string, correlationId: string): Promise<TokenPair> {
    const parsed = parseSecret(refreshToken, 'hdr');
    const found = parsed ? await this.accounts.directory.get(parsed.userId) : null;
    if (!parsed || !found || !found.user.active || erasedAccount(found.user)) throw unauthenticated('invalid-token', 'The refresh token is not valid; sign in again.');
    const next = issueSecret('hdr', parsed.userId, parsed.recordId);
    const expiresAt = this.refreshExpiry();
    const result = await this.accounts
      .execute(
        parsed.userId,
        { type: 'RotateRefreshToken', data: { sessionId: parsed.recordId, presentedHash: parsed.secretHash, refreshTokenHash: next.secretHash, expiresAt } },
        { actor: { id: found.user.id, role: found.user.role }, correlationId },
      )
      .catch((error) => {
        throw (error as { code?: string }).code === 'invalid_credentials' ? unauthenticated('invalid-token', 'The refresh token is not valid; sign in again.') : error;
      });
    if (result.events.some((e) => e.type === 'SessionEnded')) {
      throw unauthenticated('invalid-token', 'This refresh token was already used, so the session has been ended for safety; sign in again.');
    }
    return this.pair(result.user, parsed.recordId, next.token, expiresAt);
  }

  async logout(principal: Principal, correlationId: string): Promise<void> {
    if (principal.credential.kind !== 'session') return;
    await this.accounts.execute(principal.id, { type: 'EndSession', data: { sessionId: principal.credential.sessionId } }, { actor: { id: principal.id, role: principal.role }, correlationId });
  }

  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string, correlationId: string): Promise<void> {
    this.throttle.check(principal.email, address);
    const found = await this.accounts.directory.get(principal.id);
    const ok = found?.user.passwordHash ? (await verifyPassword(currentPassword, found.user.passwordHash)).ok : await verifyAgainstNothing(currentPassword);
    if (!ok) {
      this.throttle.failed(principal.email, address);
      throw problem(403, 'invalid-credentials', 'Wrong password', 'The current password is wrong.');
    }
    this.throttle.succeeded(principal.email);
    await this.accounts.execute(principal.id, { type: 'SetPassword', data: { passwordHash: await hashNew(newPassword) } }, { actor: { id: principal.id, role: principal.role }, correlationId });
  }

  private pair(user: User, sessionId: string, refreshToken: string, refreshTokenExpiresAt: string): TokenPair {
    return {
      tokenType: 'Bearer',
      accessToken: this.tokens.issue(user, sessionId),
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
      refreshTokenExpiresAt,
      user: profileOf(user),
    };
  }

  private refreshExpiry(): string {
    return new Date(this.clock.now().getTime() + this.settings.AUTH_REFRESH_TOKEN_TTL_DAYS * DAY_MS).toISOString();
  }
}

/** Hashes a new password after checking it is acceptable (400 otherwise). */
export async function hashNew(password: string): Promise<string> {
  const why = passwordProblem(password);
  if (why) throw problem(400, 'validation-failed', 'Invalid request', why, { errors: [{ field: 'password', problems: [why] }] });
  return hashPassword(password);
}

export const newCorrelationId = () => randomUUID();
