import { UserAccounts, UserEnvelope } from '@helpdesk/application';
import { IdentityError, issueSecret } from '@helpdesk/identity';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A user's API tokens as anyone may see them: names and dates, never a hash or a secret. */
export async function apiTokenList(accounts: UserAccounts, userId: string) {
  const found = await accounts.directory.get(userId);
  if (!found) throw new IdentityError('user_not_found', `User ${userId} does not exist.`);
  return Object.entries(found.user.apiTokens).map(([id, t]) => ({ id, name: t.name, issuedAt: t.issuedAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt }));
}

/** Issues a token for `userId`; the response is the only place its secret ever appears. */
export async function issueApiToken(
  accounts: UserAccounts,
  userId: string,
  body: { name: string; expiresInDays?: number },
  envelope: UserEnvelope,
) {
  const secret = issueSecret('hdk', userId);
  const expiresAt = body.expiresInDays ? new Date(accounts.clock.now().getTime() + body.expiresInDays * DAY_MS).toISOString() : null;
  const result = await accounts.execute(userId, { type: 'IssueApiToken', data: { tokenId: secret.recordId, name: body.name, secretHash: secret.secretHash, expiresAt } }, envelope);
  return { id: secret.recordId, name: body.name.trim(), token: secret.token, expiresAt, revision: result.revision, position: result.position.toString() };
}

export async function revokeApiToken(accounts: UserAccounts, userId: string, tokenId: string, envelope: UserEnvelope) {
  return accounts.execute(userId, { type: 'RevokeApiToken', data: { tokenId } }, envelope);
}
