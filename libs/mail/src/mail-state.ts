import { MailAddress } from './inbound-mail';
import { MailReceivedData } from './mail-events';

export const MAIL_STATUSES = ['received', 'unparseable', 'ignored', 'bounced', 'threaded', 'held'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What the decider knows of a message: folded from its stream. */
export interface Mail {
  mailId: string;
  status: MailStatus;
  from: MailAddress | null;
  received: MailReceivedData;
  /** The ticket the message is on now (after any rethreading), and the comment it became there. */
  ticketId: string | null;
  commentId: string | null;
  /** Set once a new ticket was started from it. */
  startedTicket: boolean;
  rethreads: number;
}

export type MailState = Mail | null;

/** A message waiting for its decision: just received, or not parseable (yet: a fixed parser may re-ingest it). */
export const isUndecided = (mail: Mail) => mail.status === 'received' || mail.status === 'unparseable';
