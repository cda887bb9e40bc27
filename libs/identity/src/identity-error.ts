/** Why the identity domain refused a command; messages are for people. */
export type IdentityErrorCode =
  | 'user_not_found'
  | 'user_already_exists'
  | 'email_taken'
  | 'not_allowed'
  | 'illegal_transition'
  | 'invalid_command'
  | 'invalid_credentials';

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const userNotFound = (id: string) => new IdentityError('user_not_found', `User ${id} does not exist.`);
/** One message for every credential failure, so answers never tell which part was wrong. */
export const invalidCredentials = (message = 'The credentials are not valid.') => new IdentityError('invalid_credentials', message);
