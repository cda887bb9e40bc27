import { Actor, Role } from '@helpdesk/ticketing';
import { IdentityError } from './identity-error';
import { UserCommandType } from './user-commands';

export interface UserCommandPermission {
  /** Roles that may issue the command for another user's account. */
  roles: readonly Role[];
  /** Whether the account's owner may issue it for their own account. */
  self: boolean;
  /** What the command does, for messages and the README's policy table. */
  does: string;
}

/**
 * Who may ask what of a user account: the one table both the decider and the HTTP policy read.
 * Supervisors manage agents only; the decider adds that and the other rules that need the
 * target's state (an admin cannot demote or deactivate themselves, PII grants are for analysts).
 */
export const USER_COMMAND_PERMISSIONS: Record<UserCommandType, UserCommandPermission> = {
  RegisterUser: { roles: ['admin', 'supervisor', 'system'], self: false, does: 'create users' },
  SetPassword: { roles: ['admin'], self: true, does: 'set passwords' },
  RehashPassword: { roles: ['system'], self: true, does: 'rehash passwords' },
  ChangeRole: { roles: ['admin', 'system'], self: false, does: 'change roles' },
  ChangeTeams: { roles: ['admin', 'supervisor'], self: false, does: 'change teams' },
  DeactivateUser: { roles: ['admin', 'supervisor'], self: false, does: 'deactivate users' },
  ReactivateUser: { roles: ['admin', 'supervisor'], self: false, does: 'reactivate users' },
  GrantPiiAccess: { roles: ['admin'], self: false, does: 'grant access to customer PII' },
  RevokePiiAccess: { roles: ['admin'], self: false, does: 'revoke access to customer PII' },
  IssueApiToken: { roles: ['admin'], self: true, does: 'issue API tokens' },
  RevokeApiToken: { roles: ['admin'], self: true, does: 'revoke API tokens' },
  StartSession: { roles: [], self: true, does: 'sign in' },
  RotateRefreshToken: { roles: [], self: true, does: 'refresh a session' },
  EndSession: { roles: ['admin'], self: true, does: 'end sessions' },
};

/** Throws not_allowed unless `actor` may issue `type` on the account `userId`. */
export function requireUserPermission(type: UserCommandType, actor: Actor, userId: string): void {
  const permission = USER_COMMAND_PERMISSIONS[type];
  if (permission.self && actor.id === userId) return;
  if (permission.roles.includes(actor.role)) return;
  throw new IdentityError('not_allowed', `A ${actor.role} cannot ${permission.does}${permission.self ? ' for other users' : ''}.`);
}
