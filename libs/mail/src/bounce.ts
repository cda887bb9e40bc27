import { InboundMail } from './inbound-mail';
import { parseThreadMessageId } from './message-id';

/** What a bounce tells: which of our notifications it answers, for whom, and why it failed. */
export interface BounceDetails {
  notificationIds: string[];
  ticketIds: string[];
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
}

const OUR_ID = /<hd\.[A-Za-z0-9-]{1,64}\.[A-Za-z0-9-]{1,64}\.[A-Za-z0-9_-]{22}@[^>\s]+>/g;
const STATUS = /\b([245]\.\d{1,3}\.\d{1,3})\b/;

/**
 * Reads a bounce: the Message-IDs of ours it quotes (in the returned message or its headers, in
 * In-Reply-To/References, or anywhere in its text: DSN shapes differ, and only ids with a valid
 * MAC count, so searching widely is safe), and the recipient, status and diagnostic from the
 * delivery-status part, else from the text.
 */
export function bounceDetails(mail: InboundMail, threadKey: string | Buffer): BounceDetails {
  const notificationIds: string[] = [];
  const ticketIds: string[] = [];
  const haystacks = [...mail.reportParts, mail.text, ...mail.inReplyTo, ...mail.references];
  for (const text of haystacks) {
    for (const match of text.matchAll(OUR_ID)) {
      const ref = parseThreadMessageId(match[0], threadKey);
      if (!ref) continue;
      if (!notificationIds.includes(ref.notificationId)) notificationIds.push(ref.notificationId);
      if (!ticketIds.includes(ref.ticketId)) ticketIds.push(ref.ticketId);
    }
  }
  const dsn = deliveryStatusFields(mail.reportParts.join('\n'));
  const failedRecipients = mail.headers['x-failed-recipients']?.[0]?.split(',')[0]?.trim() || null;
  const recipient = dsn.recipient ?? failedRecipients ?? null;
  const textStatus = STATUS.exec(mail.text)?.[1] ?? null;
  const diagnosticLine = mail.text.split(/\r?\n/).find((line) => /\b[45]\d\d[ -]/.test(line) && STATUS.test(line))?.trim() ?? null;
  return {
    notificationIds,
    ticketIds,
    recipient: recipient ? recipient.toLowerCase() : null,
    status: dsn.status ?? textStatus,
    diagnostic: dsn.diagnostic ?? diagnosticLine,
  };
}

/** The first recipient's fields of a message/delivery-status part (RFC 3464). */
export function deliveryStatusFields(text: string): { recipient: string | null; status: string | null; diagnostic: string | null } {
  const fields = new Map<string, string>();
  let last = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`);
      continue;
    }
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    last = match[1].toLowerCase();
    if (!fields.has(last)) fields.set(last, match[2].trim());
  }
  const address = (value: string | undefined) => (value ? value.replace(/^[^;]*;\s*/, '').replace(/^<|>$/g, '').trim() || null : null);
  const status = STATUS.exec(fields.get('status') ?? '')?.[1] ?? null;
  const diagnostic = fields.get('diagnostic-code')?.replace(/^[^;]*;\s*/, '').trim() || null;
  return { recipient: address(fields.get('final-recipient')) ?? address(fields.get('original-recipient')), status, diagnostic };
}
