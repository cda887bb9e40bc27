import { SendMailOptions } from 'nodemailer';
import { threadMessageId } from '@helpdesk/mail';
import { NotificationRequestedData, renderNotification } from '@helpdesk/notifications';

export interface Sender {
  address: string;
  name: string;
}

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** Our Message-ID for a notification: the threading recognises it in replies, and bounce handling in DSNs. */
export function notificationMessageId(ticketId: string, notificationId: string, key: Buffer | string, from: Sender): string {
  return threadMessageId({ ticketId, notificationId }, key, domainOf(from.address));
}

/**
 * The email a notification becomes: From the helpdesk, the rendered subject with the ticket
 * number, a plain-text and an HTML part, our Message-ID, In-Reply-To/References to the
 * ticket's earlier notifications to the same recipient (so mail clients thread them), and the
 * headers that keep auto-responders from answering it. The envelope carries the Message-ID as
 * the DSN envelope id, so the relay and any bounce name it.
 */
export function outboundMessage(n: NotificationRequestedData, options: { from: Sender; messageId: string; earlier: string[]; date: Date; ratingLinks?: string[] }): SendMailOptions {
  const rendered = renderNotification(n, { signature: options.from.name, ratingLinks: options.ratingLinks });
  // References: the first and the latest few, as RFC 5322 suggests for long threads.
  const earlier = options.earlier.length > 10 ? [options.earlier[0], ...options.earlier.slice(-9)] : options.earlier;
  return {
    from: { name: options.from.name, address: options.from.address },
    to: n.recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: options.messageId,
    date: options.date,
    ...(earlier.length ? { inReplyTo: earlier[earlier.length - 1], references: earlier } : {}),
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'Content-Language': rendered.language },
    envelope: { from: options.from.address, to: [n.recipient] },
    dsn: { id: options.messageId, return: 'headers', notify: ['failure', 'delay'], recipient: n.recipient },
  };
}
