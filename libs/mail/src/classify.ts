import { header, InboundMail } from './inbound-mail';
import { parseThreadMessageId } from './message-id';

/** Why a message is recorded and left alone: it must never create a ticket nor be answered. */
export const IGNORE_REASONS = ['auto_reply', 'loop', 'bulk', 'mailing_list', 'empty'] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

export type MailClass =
  | { kind: 'bounce'; detail: string }
  | { kind: 'ignore'; reason: IgnoreReason; detail: string }
  | { kind: 'deliverable' };

export interface ClassifyContext {
  /** The helpdesk's own addresses (MAIL_FROM, SUPPORT_ADDRESSES), lowercased. */
  ourAddresses: readonly string[];
  /** The key of our Message-IDs: one of ours coming back in is a loop. */
  threadKey: string | Buffer;
}

const DAEMONS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;
const AUTO_SUBJECT = /^\s*(auto(matic)?[ -]?(reply|response)|autoreply|out of (the )?office|abwesenheitsnotiz|خودکار جواب|دفتر سے باہر)\b/i;

/**
 * What kind of message this is, before any threading: a bounce (a DSN, the mailer daemon), our
 * own mail come back (a loop), an automatic or bulk message, or a person writing to support.
 * The order matters: a DSN is a bounce even though it is also automatic.
 */
export function classifyMail(mail: InboundMail, ctx: ClassifyContext): MailClass {
  const type = mail.contentType;
  if (/^multipart\/report\b/.test(type) && /report-type\s*=\s*"?delivery-status"?/.test(type)) {
    return { kind: 'bounce', detail: 'a delivery status notification (multipart/report; report-type=delivery-status)' };
  }
  const fromLocal = mail.from?.address.split('@')[0] ?? '';
  if (DAEMONS.test(fromLocal)) return { kind: 'bounce', detail: `from ${mail.from!.address}` };

  const ours = new Set(ctx.ourAddresses.map((a) => a.toLowerCase()));
  if (mail.messageId && parseThreadMessageId(mail.messageId, ctx.threadKey)) {
    return { kind: 'ignore', reason: 'loop', detail: `the Message-ID ${mail.messageId} is one the helpdesk made` };
  }
  if (mail.from && ours.has(mail.from.address)) return { kind: 'ignore', reason: 'loop', detail: `from the helpdesk's own address ${mail.from.address}` };
  const xLoop = header(mail, 'x-loop');
  const ourLoop = xLoop.find((v) => [...ours].some((a) => v.toLowerCase().includes(a)));
  if (ourLoop) return { kind: 'ignore', reason: 'loop', detail: `X-Loop: ${ourLoop}` };

  const autoSubmitted = header(mail, 'auto-submitted').find((v) => v.split(';')[0].trim().toLowerCase() !== 'no');
  if (autoSubmitted) return { kind: 'ignore', reason: 'auto_reply', detail: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-auto-response-suppress', 'x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(mail, name)[0];
    if (value !== undefined) return { kind: 'ignore', reason: 'auto_reply', detail: `${canonical(name)}: ${value}` };
  }
  if (xLoop.length) return { kind: 'ignore', reason: 'loop', detail: `X-Loop: ${xLoop[0]}` };
  const precedence = header(mail, 'precedence')[0]?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk') return { kind: 'ignore', reason: 'bulk', detail: `Precedence: ${precedence}` };
  if (precedence === 'list') return { kind: 'ignore', reason: 'mailing_list', detail: 'Precedence: list' };
  if (precedence === 'auto_reply') return { kind: 'ignore', reason: 'auto_reply', detail: 'Precedence: auto_reply' };
  const listId = header(mail, 'list-id')[0];
  if (listId !== undefined) return { kind: 'ignore', reason: 'mailing_list', detail: `List-Id: ${listId}` };
  if (AUTO_SUBJECT.test(mail.subject)) return { kind: 'ignore', reason: 'auto_reply', detail: `the subject "${mail.subject.slice(0, 80)}"` };
  // The null reverse-path is for notifications about mail (RFC 5321 4.5.5); no automatic header said which kind.
  if (mail.envelopeFrom === '') return { kind: 'bounce', detail: 'the null envelope sender (MAIL FROM:<>)' };

  if (!mail.subject.trim() && !mail.text.trim() && mail.attachmentCount === 0) {
    return { kind: 'ignore', reason: 'empty', detail: 'no subject, no text and no attachment' };
  }
  return { kind: 'deliverable' };
}

const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
