import { NotificationRequestedData } from '@helpdesk/notifications';
import { VerificationSecrets } from '@helpdesk/identity';

/**
 * Gives a verification mail its link and code as it is written, so neither is ever recorded:
 * both are derived again from the request's id (the notification's `ticketId`) and the key.
 */
export function revealVerificationSecrets(threadKey: string, publicUrl: string) {
  const secrets = new VerificationSecrets(threadKey);
  return (request: NotificationRequestedData): NotificationRequestedData => {
    if (request.kind !== 'email_verification') return request;
    const verificationId = request.ticketId;
    const link = `${publicUrl}/#/verify/${secrets.linkToken(request.recipient, verificationId)}`;
    return { ...request, vars: { ...request.vars, code: secrets.code(verificationId), link } };
  };
}
