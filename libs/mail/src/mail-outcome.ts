import { IGNORE_REASONS } from './classify';
import { MailEvent } from './mail-events';

/** What became of a message, as staff filter the list by it and the transports log it. */
export const MAIL_OUTCOMES = ['received', 'unparseable', ...IGNORE_REASONS, 'bounce', 'ticket_created', 'comment_added', 'held', 'rethreaded'] as const;
export type MailOutcome = (typeof MAIL_OUTCOMES)[number];

/** The outcome a message has once this event is applied (MailReceived: not decided yet). */
export function outcomeAfter(event: MailEvent): MailOutcome {
  switch (event.type) {
    case 'MailReceived':
      return 'received';
    case 'MailUnparseable':
      return 'unparseable';
    case 'MailIgnored':
      return event.data.reason;
    case 'MailBounced':
      return 'bounce';
    case 'MailThreaded':
      return event.data.how === 'new_ticket' ? 'ticket_created' : 'comment_added';
    case 'MailHeld':
      return 'held';
    case 'MailRethreaded':
      return 'rethreaded';
  }
}
