import { UserRole } from './user-role';

/** What someone asks of a user account. The decider turns each into events or an IdentityError. */
export type UserCommand =
  | {
      type: 'RegisterUser';
      data: { userId: string; email: string; name: string; role: UserRole; teams?: string[]; passwordHash?: string | null };
    }
  | { type: 'SetPassword'; data: { passwordHash: string } }
  | { type: 'RehashPassword'; data: { passwordHash: string } }
  | { type: 'ChangeRole'; data: { role: UserRole } }
  | { type: 'ChangeTeams'; data: { teams: string[] } }
  | { type: 'DeactivateUser'; data: { reason?: string } }
  | { type: 'ReactivateUser'; data: Record<string, never> }
  | { type: 'GrantPiiAccess'; data: { reason?: string } }
  | { type: 'RevokePiiAccess'; data: { reason?: string } }
  | { type: 'IssueApiToken'; data: { tokenId: string; name: string; secretHash: string; expiresAt: string | null } }
  | { type: 'RevokeApiToken'; data: { tokenId: string } }
  | { type: 'StartSession'; data: { sessionId: string; refreshTokenHash: string; expiresAt: string } }
  /** Presents the refresh token's hash; a stale one (already rotated) ends the session: theft. */
  | { type: 'RotateRefreshToken'; data: { sessionId: string; presentedHash: string; refreshTokenHash: string; expiresAt: string } }
  | { type: 'EndSession'; data: { sessionId: string } };

export type UserCommandType = UserCommand['type'];
