import { UserRole } from './user-role';

/**
 * Facts about a user account, in the past tense. The stream is `user-<id>`. Secrets never
 * appear here: passwords only as scrypt hashes, API and refresh tokens only as SHA-256 hashes.
 */
export type UserEvent =
  | {
      type: 'UserRegistered';
      data: { userId: string; email: string; name: string; role: UserRole; teams: string[]; passwordHash: string | null };
    }
  | { type: 'PasswordSet'; data: { passwordHash: string; by: 'self' | 'admin' } }
  | { type: 'PasswordRehashed'; data: { passwordHash: string } }
  | { type: 'RoleChanged'; data: { role: UserRole; previousRole: UserRole } }
  | { type: 'TeamsChanged'; data: { teams: string[]; previousTeams: string[] } }
  | { type: 'UserDeactivated'; data: { reason: string | null } }
  | { type: 'UserReactivated'; data: Record<string, never> }
  | { type: 'PiiAccessGranted'; data: { reason: string | null } }
  | { type: 'PiiAccessRevoked'; data: { reason: string | null } }
  | { type: 'ApiTokenIssued'; data: { tokenId: string; name: string; secretHash: string; expiresAt: string | null } }
  | { type: 'ApiTokenRevoked'; data: { tokenId: string } }
  | { type: 'SessionStarted'; data: { sessionId: string; refreshTokenHash: string; expiresAt: string } }
  | { type: 'RefreshTokenRotated'; data: { sessionId: string; refreshTokenHash: string; expiresAt: string } }
  | { type: 'SessionEnded'; data: { sessionId: string; reason: SessionEndReason } }
  /**
   * The account's person was erased (their keys shredded, so its registration reads as erased):
   * it signs in no more, by any credential, and no command changes it again. `email` and `name`
   * are what they read as now, so a copy of the account folded before the erasure forgets them too.
   */
  | { type: 'AccountErased'; data: { subjectId: string; email: string; name: string } };

export type SessionEndReason = 'logout' | 'refresh_token_reused' | 'session_limit';

export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'UserRegistered',
  'PasswordSet',
  'PasswordRehashed',
  'RoleChanged',
  'TeamsChanged',
  'UserDeactivated',
  'UserReactivated',
  'PiiAccessGranted',
  'PiiAccessRevoked',
  'ApiTokenIssued',
  'ApiTokenRevoked',
  'SessionStarted',
  'RefreshTokenRotated',
  'SessionEnded',
  'AccountErased',
];

export const USER_STREAM_PREFIX = 'user-';
export const userStreamId = (userId: string) => `${USER_STREAM_PREFIX}${userId}`;
