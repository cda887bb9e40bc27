import { timingSafeEqual } from 'node:crypto';
import { Actor } from '@helpdesk/ticketing';
import { sessionLive } from './evolve';
import { IdentityError, invalidCredentials, userNotFound } from './identity-error';
import { UserCommand } from './user-commands';
import { UserEvent } from './user-events';
import { requireUserPermission, USER_COMMAND_PERMISSIONS } from './user-permissions';
import { isUserRole, TEAM_PATTERN, USER_ID_PATTERN } from './user-role';
import { User, UserState } from './user-state';

export interface UserDecisionContext {
  actor: Actor;
  now: Date;
  /** Live sessions a user may hold; starting one more ends the oldest. */
  maxSessions?: number;
}

const DEFAULT_MAX_SESSIONS = 20;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,63}$/;

const invalid = (message: string) => new IdentityError('invalid_command', message);
const illegal = (message: string) => new IdentityError('illegal_transition', message);
const notAllowed = (message: string) => new IdentityError('not_allowed', message);

/**
 * The user-account decider: given the account and a command, the events that record what
 * happened, or an IdentityError. Pure and synchronous. Email uniqueness spans accounts, so the
 * application enforces it with claim streams before it registers a user.
 */
export function decideUser(command: UserCommand, state: UserState, ctx: UserDecisionContext): UserEvent[] {
  const { actor } = ctx;
  if (command.type === 'RegisterUser') {
    requireUserPermission('RegisterUser', actor, command.data.userId);
    if (state) throw new IdentityError('user_already_exists', `User ${state.id} already exists.`);
    return register(command.data, actor);
  }
  if (!state) throw userNotFound('(unknown)');
  const user = state;
  if (user.erased) throw illegal(`The account ${user.id} was erased with its person's data; it cannot change.`);
  requireUserPermission(command.type, actor, user.id);
  // Supervisors manage agent accounts: anything beyond what every user may do for themselves.
  const ownBusiness = actor.id === user.id && USER_COMMAND_PERMISSIONS[command.type].self;
  if (actor.role === 'supervisor' && !ownBusiness) requireAgent(user, 'manage');

  switch (command.type) {
    case 'SetPassword':
      return [{ type: 'PasswordSet', data: { passwordHash: requireText(command.data.passwordHash, 'passwordHash'), by: actor.id === user.id ? 'self' : 'admin' } }];
    case 'RehashPassword':
      if (!user.passwordHash) throw illegal(`User ${user.id} has no password to rehash.`);
      return [{ type: 'PasswordRehashed', data: { passwordHash: requireText(command.data.passwordHash, 'passwordHash') } }];
    case 'ChangeRole': {
      const role = command.data.role;
      if (!isUserRole(role)) throw invalid(`role must be one of customer, agent, supervisor, auditor, analyst, admin.`);
      if (actor.id === user.id) throw notAllowed('Admins cannot change their own role; ask another admin.');
      if (role === user.role) throw illegal(`User ${user.id} is already ${role}.`);
      return [{ type: 'RoleChanged', data: { role, previousRole: user.role } }];
    }
    case 'ChangeTeams': {
      const teams = requireTeams(command.data.teams);
      if (sameSet(teams, user.teams)) throw illegal(`User ${user.id} is already in exactly those teams.`);
      return [{ type: 'TeamsChanged', data: { teams, previousTeams: user.teams } }];
    }
    case 'DeactivateUser':
      if (actor.id === user.id) throw notAllowed('You cannot deactivate your own account.');
      if (!user.active) throw illegal(`User ${user.id} is already deactivated.`);
      return [{ type: 'UserDeactivated', data: { reason: command.data.reason ?? null } }];
    case 'ReactivateUser':
      if (user.active) throw illegal(`User ${user.id} is active.`);
      return [{ type: 'UserReactivated', data: {} }];
    case 'GrantPiiAccess':
      if (user.role !== 'analyst') throw illegal(`PII access is granted to analysts; user ${user.id} is ${user.role}.`);
      if (user.piiAccess) throw illegal(`User ${user.id} already has PII access.`);
      return [{ type: 'PiiAccessGranted', data: { reason: command.data.reason ?? null } }];
    case 'RevokePiiAccess':
      if (!user.piiAccess) throw illegal(`User ${user.id} has no PII access.`);
      return [{ type: 'PiiAccessRevoked', data: { reason: command.data.reason ?? null } }];
    case 'IssueApiToken': {
      requireActive(user);
      const { tokenId, secretHash, expiresAt } = command.data;
      const name = requireText(command.data.name, 'name');
      if (user.apiTokens[tokenId]) throw illegal(`API token ${tokenId} already exists.`);
      if (expiresAt !== null && new Date(expiresAt) <= ctx.now) throw invalid('expiresAt must be in the future.');
      return [{ type: 'ApiTokenIssued', data: { tokenId, name, secretHash: requireText(secretHash, 'secretHash'), expiresAt } }];
    }
    case 'RevokeApiToken': {
      const token = user.apiTokens[command.data.tokenId];
      if (!token) throw new IdentityError('user_not_found', `API token ${command.data.tokenId} does not exist.`);
      if (token.revokedAt) throw illegal(`API token ${command.data.tokenId} is already revoked.`);
      return [{ type: 'ApiTokenRevoked', data: { tokenId: command.data.tokenId } }];
    }
    case 'StartSession': {
      requireActive(user);
      const { sessionId, refreshTokenHash, expiresAt } = command.data;
      if (user.sessions[sessionId]) throw illegal(`Session ${sessionId} already exists.`);
      const events: UserEvent[] = [];
      const live = Object.entries(user.sessions)
        .filter(([id]) => sessionLive(user, id, ctx.now))
        .sort(([, a], [, b]) => a.startedAt.localeCompare(b.startedAt));
      const excess = live.length - ((ctx.maxSessions ?? DEFAULT_MAX_SESSIONS) - 1);
      for (const [id] of live.slice(0, Math.max(0, excess))) events.push({ type: 'SessionEnded', data: { sessionId: id, reason: 'session_limit' } });
      events.push({ type: 'SessionStarted', data: { sessionId, refreshTokenHash, expiresAt } });
      return events;
    }
    case 'RotateRefreshToken': {
      const { sessionId, presentedHash, refreshTokenHash, expiresAt } = command.data;
      if (!sessionLive(user, sessionId, ctx.now)) throw invalidCredentials('The refresh token is not valid; sign in again.');
      if (!hashesEqual(presentedHash, user.sessions[sessionId].refreshTokenHash)) {
        // An earlier refresh token of a live session came back: someone kept a copy. End it.
        return [{ type: 'SessionEnded', data: { sessionId, reason: 'refresh_token_reused' } }];
      }
      return [{ type: 'RefreshTokenRotated', data: { sessionId, refreshTokenHash, expiresAt } }];
    }
    case 'EndSession':
      if (!user.sessions[command.data.sessionId]) throw invalidCredentials('The session has already ended.');
      return [{ type: 'SessionEnded', data: { sessionId: command.data.sessionId, reason: 'logout' } }];
  }
}

function register(data: Extract<UserCommand, { type: 'RegisterUser' }>['data'], actor: Actor): UserEvent[] {
  if (!USER_ID_PATTERN.test(data.userId)) throw invalid('userId must be 1-200 letters, digits or . _ @ : + -');
  if (!isUserRole(data.role)) throw invalid('role must be one of customer, agent, supervisor, auditor, analyst, admin.');
  if (actor.role === 'supervisor' && data.role !== 'agent') throw notAllowed('Supervisors create agent accounts only.');
  const email = normalizeEmail(data.email);
  if (!EMAIL.test(email)) throw invalid('email must be an email address.');
  return [
    {
      type: 'UserRegistered',
      data: {
        userId: data.userId,
        email,
        name: requireText(data.name, 'name'),
        role: data.role,
        teams: requireTeams(data.teams ?? []),
        passwordHash: data.passwordHash ?? null,
      },
    },
  ];
}

/** Emails compare case-insensitively: stored and looked up trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function requireAgent(user: User, what: string): void {
  if (user.role !== 'agent') throw notAllowed(`Supervisors ${what} agent accounts only; user ${user.id} is ${user.role}.`);
}

function requireActive(user: User): void {
  if (!user.active) throw invalidCredentials('This account is deactivated.');
}

function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalid(`${field} must not be empty.`);
  return text;
}

function requireTeams(teams: string[]): string[] {
  if (!Array.isArray(teams) || teams.length > 50) throw invalid('teams must be a list of at most 50 team names.');
  const clean = [...new Set(teams.map((t) => (typeof t === 'string' ? t.trim() : '')))];
  if (clean.some((t) => !TEAM_PATTERN.test(t))) throw invalid('Team names are 1-100 letters, digits, spaces, . _ or -.');
  return clean.sort();
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
