import { UserEvent } from './user-events';
import { SessionRecord, User, UserState } from './user-state';

/** A user event together with the time it happened (UTC ISO string). */
export type DatedUserEvent = UserEvent & { occurredAt: string };

/** Folds one event into the account. Pure. Sessions past their expiry are dropped on the way. */
export function evolveUser(state: UserState, event: DatedUserEvent): UserState {
  if (event.type === 'UserRegistered') {
    const d = event.data;
    return {
      id: d.userId,
      email: d.email,
      name: d.name,
      role: d.role,
      teams: [...d.teams],
      active: true,
      passwordHash: d.passwordHash,
      piiAccess: false,
      apiTokens: {},
      sessions: {},
      registeredAt: event.occurredAt,
    };
  }
  if (!state) return state;
  const user: User = { ...state, sessions: liveSessions(state.sessions, event.occurredAt) };
  switch (event.type) {
    case 'PasswordSet':
      // A new password ends every session: whoever knew the old one is signed out everywhere.
      return { ...user, passwordHash: event.data.passwordHash, sessions: {} };
    case 'PasswordRehashed':
      return { ...user, passwordHash: event.data.passwordHash };
    case 'RoleChanged':
      return { ...user, role: event.data.role, piiAccess: event.data.role === 'analyst' ? user.piiAccess : false };
    case 'TeamsChanged':
      return { ...user, teams: [...event.data.teams] };
    case 'UserDeactivated':
      return { ...user, active: false, sessions: {} };
    case 'UserReactivated':
      return { ...user, active: true };
    case 'PiiAccessGranted':
      return { ...user, piiAccess: true };
    case 'PiiAccessRevoked':
      return { ...user, piiAccess: false };
    case 'ApiTokenIssued': {
      const { tokenId, name, secretHash, expiresAt } = event.data;
      return { ...user, apiTokens: { ...user.apiTokens, [tokenId]: { name, secretHash, expiresAt, issuedAt: event.occurredAt, revokedAt: null } } };
    }
    case 'ApiTokenRevoked': {
      const token = user.apiTokens[event.data.tokenId];
      if (!token) return user;
      return { ...user, apiTokens: { ...user.apiTokens, [event.data.tokenId]: { ...token, revokedAt: event.occurredAt } } };
    }
    case 'SessionStarted':
    case 'RefreshTokenRotated': {
      const { sessionId, refreshTokenHash, expiresAt } = event.data;
      const startedAt = user.sessions[sessionId]?.startedAt ?? event.occurredAt;
      return { ...user, sessions: { ...user.sessions, [sessionId]: { refreshTokenHash, expiresAt, startedAt } } };
    }
    case 'AccountErased':
      return {
        ...user,
        email: event.data.email,
        name: event.data.name,
        active: false,
        erased: true,
        passwordHash: null,
        sessions: {},
        apiTokens: Object.fromEntries(Object.entries(user.apiTokens).map(([id, t]) => [id, { ...t, revokedAt: t.revokedAt ?? event.occurredAt }])),
      };
    case 'SessionEnded': {
      const sessions = { ...user.sessions };
      delete sessions[event.data.sessionId];
      return { ...user, sessions };
    }
  }
}

export function foldUser(events: DatedUserEvent[], state: UserState = null): UserState {
  return events.reduce(evolveUser, state);
}

function liveSessions(sessions: Record<string, SessionRecord>, at: string): Record<string, SessionRecord> {
  const expired = Object.entries(sessions).filter(([, s]) => s.expiresAt <= at);
  if (expired.length === 0) return sessions;
  return Object.fromEntries(Object.entries(sessions).filter(([, s]) => s.expiresAt > at));
}

/** Is this API token usable at `now`? */
export function apiTokenUsable(user: User, tokenId: string, now: Date): boolean {
  const token = user.apiTokens[tokenId];
  return !!token && user.active && token.revokedAt === null && (token.expiresAt === null || new Date(token.expiresAt) > now);
}

/** Is this session live at `now`? */
export function sessionLive(user: User, sessionId: string, now: Date): boolean {
  const session = user.sessions[sessionId];
  return !!session && user.active && new Date(session.expiresAt) > now;
}
