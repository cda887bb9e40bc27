import { Actor } from '@helpdesk/ticketing';
import { foldUser } from './evolve';
import { given } from './testing/user-spec';
import { UserCommand } from './user-commands';
import { UserEvent } from './user-events';

const admin: Actor = { id: 'admin-1', role: 'admin' };
const supervisor: Actor = { id: 'sup-1', role: 'supervisor' };
const ali: Actor = { id: 'agent-ali', role: 'agent' };
const system: Actor = { id: 'cli', role: 'system' };

const registered = (role: 'agent' | 'analyst' | 'customer' | 'admin' = 'agent', id = 'agent-ali'): UserEvent => ({
  type: 'UserRegistered',
  data: { userId: id, email: `${id}@example.com`, name: 'Ali Raza', role, teams: [], passwordHash: '$scrypt$v=1$x$y' },
});

describe('RegisterUser', () => {
  const register = (role: 'agent' | 'admin' = 'agent', extra: object = {}): Extract<UserCommand, { type: 'RegisterUser' }> => ({
    type: 'RegisterUser',
    data: { userId: 'agent-ali', email: '  Ali@Example.COM ', name: ' Ali Raza ', role, teams: ['billing', 'billing', 'tier 1'], ...extra },
  });

  it('records a new account with a normalized email, trimmed name and sorted distinct teams', () => {
    given().when(register(), admin).then([
      { type: 'UserRegistered', data: { userId: 'agent-ali', email: 'ali@example.com', name: 'Ali Raza', role: 'agent', teams: ['billing', 'tier 1'], passwordHash: null } },
    ]);
  });
  it('lets the helpdesk itself create the first admin', () => {
    given().when(register('admin'), system).then([expect.objectContaining({ type: 'UserRegistered' }) as UserEvent]);
  });
  it('lets supervisors create agents, and nothing else', () => {
    given().when(register(), supervisor).then([expect.objectContaining({ type: 'UserRegistered' }) as UserEvent]);
    given().when(register('admin'), supervisor).thenFails('not_allowed', /agent accounts only/);
  });
  it('refuses agents, an existing account, a bad email, id or role', () => {
    given().when(register(), ali).thenFails('not_allowed', /agent cannot create users/);
    given(registered()).when(register(), admin).thenFails('user_already_exists');
    given().when(register('agent', { email: 'not-an-email' }), admin).thenFails('invalid_command', /email/);
    given().when({ ...register(), data: { ...register().data, userId: 'a b' } }, admin).thenFails('invalid_command', /userId/);
    given().when({ ...register(), data: { ...register().data, role: 'system' as never } }, admin).thenFails('invalid_command', /role/);
    given().when(register('agent', { teams: ['a/b'] }), admin).thenFails('invalid_command', /Team names/);
  });
});

describe('passwords', () => {
  it('lets users set their own and admins reset anyone’s; a new password ends every session', () => {
    given(registered()).when({ type: 'SetPassword', data: { passwordHash: 'h2' } }, ali).then([{ type: 'PasswordSet', data: { passwordHash: 'h2', by: 'self' } }]);
    given(registered()).when({ type: 'SetPassword', data: { passwordHash: 'h2' } }, admin).then([{ type: 'PasswordSet', data: { passwordHash: 'h2', by: 'admin' } }]);
    given(registered()).when({ type: 'SetPassword', data: { passwordHash: 'h2' } }, { id: 'agent-sara', role: 'agent' }).thenFails('not_allowed', /for other users/);
    const user = foldUser([
      { ...registered(), occurredAt: '2026-01-05T06:00:00.000Z' },
      { type: 'SessionStarted', data: { sessionId: 's1', refreshTokenHash: 'r', expiresAt: '2026-02-01T00:00:00.000Z' }, occurredAt: '2026-01-05T06:00:00.000Z' },
      { type: 'PasswordSet', data: { passwordHash: 'h2', by: 'self' }, occurredAt: '2026-01-05T07:00:00.000Z' },
    ]);
    expect(user?.sessions).toEqual({});
  });
});

describe('roles, teams and activation', () => {
  it('lets admins change roles but not their own', () => {
    given(registered()).when({ type: 'ChangeRole', data: { role: 'supervisor' } }, admin).then([{ type: 'RoleChanged', data: { role: 'supervisor', previousRole: 'agent' } }]);
    given(registered('admin', 'admin-1')).when({ type: 'ChangeRole', data: { role: 'agent' } }, admin).thenFails('not_allowed', /own role/);
    given(registered()).when({ type: 'ChangeRole', data: { role: 'admin' } }, supervisor).thenFails('not_allowed');
    given(registered()).when({ type: 'ChangeRole', data: { role: 'agent' } }, admin).thenFails('illegal_transition');
  });
  it('lets supervisors manage the teams and activation of agents only', () => {
    given(registered()).when({ type: 'ChangeTeams', data: { teams: ['billing'] } }, supervisor).then([{ type: 'TeamsChanged', data: { teams: ['billing'], previousTeams: [] } }]);
    given(registered('customer', 'cust-1')).when({ type: 'DeactivateUser', data: {} }, supervisor).thenFails('not_allowed', /agent accounts only/);
    given(registered()).when({ type: 'DeactivateUser', data: { reason: 'left' } }, supervisor).then([{ type: 'UserDeactivated', data: { reason: 'left' } }]);
  });
  it('keeps supervisors to agent accounts, their own included', () => {
    const own: UserEvent = { type: 'UserRegistered', data: { userId: 'sup-1', email: 'sup@example.com', name: 'Sana', role: 'supervisor', teams: [], passwordHash: null } };
    given(own).when({ type: 'ChangeTeams', data: { teams: ['billing'] } }, supervisor).thenFails('not_allowed', /agent accounts only/);
    given(own).when({ type: 'IssueApiToken', data: { tokenId: 't1', name: 'mine', secretHash: 'h', expiresAt: null } }, supervisor).then([
      { type: 'ApiTokenIssued', data: { tokenId: 't1', name: 'mine', secretHash: 'h', expiresAt: null } },
    ]);
  });
  it('never lets an admin deactivate themselves', () => {
    given(registered('admin', 'admin-1')).when({ type: 'DeactivateUser', data: {} }, admin).thenFails('not_allowed', /own account/);
  });
  it('grants PII access to analysts only, and a role change away from analyst drops it', () => {
    given(registered()).when({ type: 'GrantPiiAccess', data: {} }, admin).thenFails('illegal_transition', /analysts/);
    given(registered('analyst', 'ana-1')).when({ type: 'GrantPiiAccess', data: { reason: 'churn study' } }, admin).then([{ type: 'PiiAccessGranted', data: { reason: 'churn study' } }]);
    const at = '2026-01-05T06:00:00.000Z';
    const user = foldUser([
      { ...registered('analyst', 'ana-1'), occurredAt: at },
      { type: 'PiiAccessGranted', data: { reason: null }, occurredAt: at },
      { type: 'RoleChanged', data: { role: 'agent', previousRole: 'analyst' }, occurredAt: at },
    ]);
    expect(user?.piiAccess).toBe(false);
  });
});

describe('API tokens', () => {
  const issue = { type: 'IssueApiToken', data: { tokenId: 't1', name: 'CRM sync', secretHash: 'hash', expiresAt: null } } as const;
  it('are issued by their owner or an admin and revoked the same way', () => {
    given(registered()).when(issue, ali).then([{ type: 'ApiTokenIssued', data: { tokenId: 't1', name: 'CRM sync', secretHash: 'hash', expiresAt: null } }]);
    given(registered()).when(issue, supervisor).thenFails('not_allowed');
    const issued: UserEvent = { type: 'ApiTokenIssued', data: issue.data };
    given(registered(), issued).when({ type: 'RevokeApiToken', data: { tokenId: 't1' } }, admin).then([{ type: 'ApiTokenRevoked', data: { tokenId: 't1' } }]);
    given(registered(), issued, { type: 'ApiTokenRevoked', data: { tokenId: 't1' } }).when({ type: 'RevokeApiToken', data: { tokenId: 't1' } }, ali).thenFails('illegal_transition');
  });
  it('are not issued to deactivated accounts or already expired', () => {
    given(registered(), { type: 'UserDeactivated', data: { reason: null } }).when(issue, admin).thenFails('invalid_credentials');
    given(registered()).when({ ...issue, data: { ...issue.data, expiresAt: '2026-01-01T00:00:00.000Z' } }, ali).thenFails('invalid_command', /future/);
  });
});

describe('sessions', () => {
  const started: UserEvent = { type: 'SessionStarted', data: { sessionId: 's1', refreshTokenHash: 'r1', expiresAt: '2026-01-20T00:00:00.000Z' } };
  const rotate = (presentedHash: string) =>
    ({ type: 'RotateRefreshToken', data: { sessionId: 's1', presentedHash, refreshTokenHash: 'r2', expiresAt: '2026-01-21T00:00:00.000Z' } }) as const;

  it('start for an active user only', () => {
    given(registered()).when({ type: 'StartSession', data: { sessionId: 's1', refreshTokenHash: 'r1', expiresAt: '2026-01-20T00:00:00.000Z' } }, ali).then([started]);
    given(registered(), { type: 'UserDeactivated', data: { reason: null } })
      .when({ type: 'StartSession', data: { sessionId: 's1', refreshTokenHash: 'r1', expiresAt: '2026-01-20T00:00:00.000Z' } }, ali)
      .thenFails('invalid_credentials');
  });
  it('rotate the refresh token when the current one is presented', () => {
    given(registered(), started).when(rotate('r1'), ali).then([{ type: 'RefreshTokenRotated', data: { sessionId: 's1', refreshTokenHash: 'r2', expiresAt: '2026-01-21T00:00:00.000Z' } }]);
  });
  it('end when an earlier refresh token comes back', () => {
    given(registered(), started).when(rotate('stolen'), ali).then([{ type: 'SessionEnded', data: { sessionId: 's1', reason: 'refresh_token_reused' } }]);
  });
  it('cannot be refreshed once expired or ended', () => {
    given(registered(), started).when(rotate('r1'), ali, { now: new Date('2026-01-21T00:00:00.000Z') }).thenFails('invalid_credentials');
    given(registered(), started, { type: 'SessionEnded', data: { sessionId: 's1', reason: 'logout' } }).when(rotate('r1'), ali).thenFails('invalid_credentials');
  });
  it('keep at most maxSessions live, ending the oldest', () => {
    const second: UserEvent = { type: 'SessionStarted', data: { sessionId: 's2', refreshTokenHash: 'r', expiresAt: '2026-01-20T00:00:00.000Z' } };
    given({ ...registered(), occurredAt: '2026-01-05T05:00:00.000Z' }, { ...started, occurredAt: '2026-01-05T05:00:00.000Z' }, second)
      .when({ type: 'StartSession', data: { sessionId: 's3', refreshTokenHash: 'r3', expiresAt: '2026-01-20T00:00:00.000Z' } }, ali, { maxSessions: 2 })
      .then([
        { type: 'SessionEnded', data: { sessionId: 's1', reason: 'session_limit' } },
        { type: 'SessionStarted', data: { sessionId: 's3', refreshTokenHash: 'r3', expiresAt: '2026-01-20T00:00:00.000Z' } },
      ]);
  });
  it('are forgotten by the fold once expired', () => {
    const user = foldUser([
      { ...registered(), occurredAt: '2026-01-05T06:00:00.000Z' },
      { ...started, occurredAt: '2026-01-05T06:00:00.000Z' },
      { type: 'TeamsChanged', data: { teams: ['x'], previousTeams: [] }, occurredAt: '2026-01-25T00:00:00.000Z' },
    ]);
    expect(user?.sessions).toEqual({});
  });
});

describe('an erased account', () => {
  const erased: UserEvent = { type: 'AccountErased', data: { subjectId: 's-1', email: 'erased@erased.invalid', name: '[erased]' } };
  it('is closed for good: no command changes it again, not even by an admin', () => {
    given(registered('customer', 'cust-1'), erased).when({ type: 'ReactivateUser', data: {} } as UserCommand, admin).thenFails('illegal_transition', /erased/);
    given(registered('customer', 'cust-1'), erased).when({ type: 'SetPassword', data: { passwordHash: 'h2' } }, admin).thenFails('illegal_transition', /erased/);
  });
  it('forgets what it held: reads as erased, inactive, without password, sessions or live API tokens', () => {
    const started: UserEvent = { type: 'SessionStarted', data: { sessionId: 's1', refreshTokenHash: 'r', expiresAt: '2027-01-01T00:00:00.000Z' } };
    const token: UserEvent = { type: 'ApiTokenIssued', data: { tokenId: 't1', name: 'script', secretHash: 'x', expiresAt: null } };
    const at = (e: UserEvent, occurredAt: string) => ({ ...e, occurredAt });
    const user = foldUser([at(registered('customer', 'cust-1'), '2026-01-01T00:00:00.000Z'), at(started, '2026-01-02T00:00:00.000Z'), at(token, '2026-01-02T00:00:00.000Z'), at(erased, '2026-01-03T00:00:00.000Z')]);
    expect(user).toMatchObject({ email: 'erased@erased.invalid', name: '[erased]', active: false, erased: true, passwordHash: null, sessions: {} });
    expect(user!.apiTokens.t1.revokedAt).toBe('2026-01-03T00:00:00.000Z');
  });
});
