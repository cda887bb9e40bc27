export type MailErrorCode = 'mail_not_found' | 'not_allowed' | 'illegal_transition' | 'invalid_command';

/** Why the mail decider refused a command, in words for people. */
export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    readonly code: MailErrorCode,
    message: string,
  ) {
    super(message);
  }
}
