import { randomUUID } from 'node:crypto';
import { hashPassword, IdentityError, passwordProblem } from '@helpdesk/identity';
import { UserAccounts } from './user-accounts';

export type CreateAdminResult = { created: true; userId: string } | { created: false; reason: 'email_taken' };

/**
 * The first admin, from ADMIN_EMAIL/ADMIN_PASSWORD at start or `cli create-admin`. Creates an
 * admin only when no account has the email: a restart never resets anyone's password, and there
 * is no default password anywhere.
 */
export async function createAdmin(accounts: UserAccounts, input: { email: string; password: string; name?: string }, by: string): Promise<CreateAdminResult> {
  const problem = passwordProblem(input.password);
  if (problem) throw new Error(`The admin password is not acceptable: ${problem}`);
  if (await accounts.findByEmail(input.email)) return { created: false, reason: 'email_taken' };
  const userId = randomUUID();
  try {
    await accounts.register(
      { userId, email: input.email, name: input.name?.trim() || 'Administrator', role: 'admin', passwordHash: await hashPassword(input.password) },
      { actor: { id: by, role: 'system' }, correlationId: randomUUID() },
    );
  } catch (error) {
    if (error instanceof IdentityError && error.code === 'email_taken') return { created: false, reason: 'email_taken' };
    throw error;
  }
  return { created: true, userId };
}
