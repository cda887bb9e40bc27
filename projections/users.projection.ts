import { StoredEvent } from '@helpdesk/event-store';
import { toUserEvent } from '@helpdesk/application';
import { USER_EVENT_TYPES, USER_STREAM_PREFIX, UserRole } from '@helpdesk/identity';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';

export const USERS = 'users';

export interface ApiTokenView {
  id: string;
  name: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * A document of `users`: an account as admins list it. Built field by field from the events, so
 * no hash (password, API token, refresh token) ever reaches the read store.
 */
export interface UserView extends Doc {
  email: string;
  name: string;
  role: UserRole;
  teams: string[];
  active: boolean;
  /** Closed for good by the erasure of its person (a customer account). */
  erased?: boolean;
  hasPassword: boolean;
  piiAccess: boolean;
  apiTokens: ApiTokenView[];
  registeredAt: string;
  lastSignInAt: string | null;
  updatedAt: string;
  revision: number;
}

const USER_TYPES = new Set<string>(USER_EVENT_TYPES);

/** `users`: every account, for user administration. */
export function usersProjection(): Projection {
  return {
    name: USERS,
    version: 1,
    collections: [
      {
        name: USERS,
        indexes: [
          { name: 'email', keys: [['email', 1]] },
          { name: 'role_email', keys: [['role', 1], ['email', 1]] },
        ],
      },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      if (!stored.streamId.startsWith(USER_STREAM_PREFIX) || !USER_TYPES.has(stored.type)) return;
      const userId = stored.streamId.slice(USER_STREAM_PREFIX.length);
      const event = toUserEvent(stored);
      const at = event.occurredAt;
      await uow.update<UserView>(USERS, userId, stored, (doc) => {
        if (event.type === 'UserRegistered') {
          const d = event.data;
          return {
            _id: userId,
            email: d.email,
            name: d.name,
            role: d.role,
            teams: d.teams,
            active: true,
            hasPassword: d.passwordHash !== null,
            piiAccess: false,
            apiTokens: [],
            registeredAt: at,
            lastSignInAt: null,
            updatedAt: at,
            revision: stored.revision,
          };
        }
        if (!doc) return undefined;
        const next: UserView = { ...doc, updatedAt: at, revision: stored.revision };
        switch (event.type) {
          case 'PasswordSet':
            next.hasPassword = true;
            break;
          case 'RoleChanged':
            next.role = event.data.role;
            if (event.data.role !== 'analyst') next.piiAccess = false;
            break;
          case 'TeamsChanged':
            next.teams = event.data.teams;
            break;
          case 'UserDeactivated':
            next.active = false;
            break;
          case 'AccountErased':
            Object.assign(next, { email: event.data.email, name: event.data.name, active: false, erased: true, hasPassword: false, apiTokens: doc.apiTokens.map((t) => ({ ...t, revokedAt: t.revokedAt ?? at })) });
            break;
          case 'UserReactivated':
            next.active = true;
            break;
          case 'PiiAccessGranted':
            next.piiAccess = true;
            break;
          case 'PiiAccessRevoked':
            next.piiAccess = false;
            break;
          case 'ApiTokenIssued':
            next.apiTokens = [...doc.apiTokens, { id: event.data.tokenId, name: event.data.name, issuedAt: at, expiresAt: event.data.expiresAt, revokedAt: null }];
            break;
          case 'ApiTokenRevoked':
            next.apiTokens = doc.apiTokens.map((t) => (t.id === event.data.tokenId ? { ...t, revokedAt: at } : t));
            break;
          case 'SessionStarted':
            next.lastSignInAt = at;
            break;
          default:
            // Rehashes and session bookkeeping change nothing an admin lists.
            return undefined;
        }
        return next;
      });
    },
  };
}
