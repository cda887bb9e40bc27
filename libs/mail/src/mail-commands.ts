import { IgnoreReason } from './classify';
import { MailReceivedData } from './mail-events';
import { BounceDetails } from './bounce';
import { HoldReason, NewTicketReason, ThreadingHow } from './threading';

/** What the mail pipeline (or staff) asks of a message's record. */
export type MailCommand =
  | { type: 'ReceiveMail'; data: MailReceivedData }
  | { type: 'MarkUnparseable'; data: { error: string } }
  | { type: 'IgnoreMail'; data: { reason: IgnoreReason; detail: string } }
  | { type: 'RecordBounce'; data: BounceDetails }
  | { type: 'ThreadMail'; data: { how: ThreadingHow; ticketId: string; commentId: string | null; reason?: NewTicketReason; followUpOf?: string | null } }
  | { type: 'HoldMail'; data: { reason: HoldReason; ticketId: string | null; detail: string } }
  | { type: 'RethreadMail'; data: { ticketId: string; commentId: string; asCustomer: boolean; reason?: string } };

export type MailCommandType = MailCommand['type'];
