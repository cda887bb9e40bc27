import { createHash } from 'node:crypto';

/** Every inbound message is recorded on its own stream, `mail-<id>`. */
export const MAIL_STREAM_PREFIX = 'mail-';
export const mailStreamId = (mailId: string) => `${MAIL_STREAM_PREFIX}${mailId}`;
export const MAIL_ID_PATTERN = /^[mc][0-9a-f]{32}$/;

/**
 * The id of a message: a hash of its Message-ID (`m…`), or of its content when it has none
 * (`c…`). The same message delivered twice (SMTP and IMAP, a retry, a re-ingest) lands on the
 * same stream, which is how each message is ingested once.
 */
export function mailIdFor(messageId: string | null, contentSha256: string): string {
  const normalised = messageId ? normaliseMessageId(messageId) : '';
  if (normalised) return `m${sha256(`message-id\u0000${normalised}`).slice(0, 32)}`;
  return `c${contentSha256.slice(0, 32)}`;
}

/** `<abc@host>` and ` abc@host ` name the same message; the local part keeps its case (RFC 5322). */
export function normaliseMessageId(messageId: string): string {
  const inner = messageId.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  const at = inner.lastIndexOf('@');
  return at < 0 ? inner : `${inner.slice(0, at)}@${inner.slice(at + 1).toLowerCase()}`;
}

// Trace fields each hop adds: the same message fetched over IMAP and received over SMTP differs only in these.
const TRACE_FIELDS = new Set([
  'received',
  'return-path',
  'delivered-to',
  'x-original-to',
  'authentication-results',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
  'received-spf',
  'x-received',
]);

/**
 * SHA-256 of what the sender wrote: the raw message without the trace header fields that
 * every hop adds. Identifies messages that carry no Message-ID.
 */
export function contentSha256(raw: Buffer): string {
  const split = headerEnd(raw);
  const head = raw.subarray(0, split.headEnd).toString('latin1');
  const kept = unfoldedFields(head).filter((field) => !TRACE_FIELDS.has(fieldName(field)));
  return createHash('sha256')
    .update(kept.join('\n'))
    .update('\n\n')
    .update(raw.subarray(split.bodyStart))
    .digest('hex');
}

/** Where the header block ends and the body starts (the first empty line); all header when none. */
export function headerEnd(raw: Buffer): { headEnd: number; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headEnd: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { headEnd: lf, bodyStart: lf + 2 };
  return { headEnd: raw.length, bodyStart: raw.length };
}

/** The header block's fields, continuation lines joined to their field. */
export function unfoldedFields(head: string): string[] {
  const fields: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1] += ` ${line.trim()}`;
    else if (line) fields.push(line);
  }
  return fields;
}

const fieldName = (field: string) => field.slice(0, Math.max(field.indexOf(':'), 0)).trim().toLowerCase();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
