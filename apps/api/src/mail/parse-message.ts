import { AddressObject, EmailAddress, ParsedMail, simpleParser, StructuredHeader } from 'mailparser';
import { headerEnd, InboundMail, MailAddress, unfoldedFields } from '@helpdesk/mail';

/** A part of the message to keep as an attachment. */
export interface MessagePart {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

export interface ParsedMessage {
  mail: InboundMail;
  date: string | null;
  attachments: MessagePart[];
  /** The text was cut at the limit. */
  truncated: boolean;
}

export type ParseResult = { ok: true; message: ParsedMessage } | { ok: false; error: string; messageId: string | null };

// Parts that carry a bounce's machine-readable report: read, never stored as attachments.
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);
const REPORT_PART_MAX_CHARS = 65536;
const ID = /<[^<>\s]+>/g;

/**
 * Parses a raw message with mailparser: RFC 2047 words, charsets, quoted-printable and base64,
 * HTML-only mail as readable text (the HTML itself is never kept). Never throws: a message it
 * cannot read is answered `ok: false` with the error and whatever Message-ID the header shows.
 */
export async function parseMessage(raw: Buffer, options: { textMaxChars: number }): Promise<ParseResult> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true, keepDeliveryStatus: true, checksumAlgo: false });
  } catch (error) {
    return { ok: false, error: `mailparser: ${error instanceof Error ? error.message : String(error)}`, messageId: messageIdInHead(raw) };
  }
  const headers: Record<string, string[]> = {};
  for (const { key, line } of parsed.headerLines) {
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    (headers[key.toLowerCase()] ??= []).push(value);
  }
  const known = ['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'received', 'return-path', 'sender', 'reply-to'];
  if (!known.some((name) => headers[name])) {
    return { ok: false, error: 'not an email message: none of the header fields every message has (From, To, Subject, Date, Message-ID…)', messageId: null };
  }

  const reportParts: string[] = [];
  const attachments: MessagePart[] = [];
  for (const part of parsed.attachments) {
    const type = part.contentType.toLowerCase();
    if (REPORT_TYPES.has(type) && part.contentDisposition !== 'attachment') reportParts.push(part.content.toString('utf8').slice(0, REPORT_PART_MAX_CHARS));
    else attachments.push({ filename: part.filename ?? null, contentType: type, content: part.content });
  }
  const fromHtml = !parsed.text && !parsed.textConversionError;
  const converted = parsed.textConversionError ? '' : parsed.text || (await textOfHtml(parsed.html));
  // An inline image's reference (html-to-text writes `[cid:…]`) means nothing in text: the image is an attachment.
  const fullText = readable(fromHtml || /\[cid:/.test(converted) ? converted.replace(/[ \t]*\[cid:[^\]\s]*\]/g, '') : converted);
  const truncated = fullText.length > options.textMaxChars;
  const text = truncated ? fullText.slice(0, options.textMaxChars) : fullText;
  const date = headers.date && parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;

  const mail: InboundMail = {
    messageId: parsed.messageId?.trim() || null,
    from: addresses(parsed.from)[0] ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: readable(parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    inReplyTo: ids(parsed.inReplyTo),
    references: ids(parsed.references),
    headers,
    contentType: contentTypeOf(parsed.headers.get('content-type') as StructuredHeader | undefined),
    text,
    reportParts,
    attachmentCount: attachments.length,
  };
  return { ok: true, message: { mail, date, attachments, truncated } };
}

/**
 * mailparser makes text of an HTML part only when it is the message's body or has a plain
 * alternative; HTML inside multipart/related (an inline image beside it) gets none. The same
 * converter, asked about that HTML as a message of its own, gives it.
 */
async function textOfHtml(html: string | false | undefined): Promise<string> {
  if (!html) return '';
  try {
    const alone = await simpleParser(Buffer.from(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`, 'utf8'), { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
    return alone.text ?? '';
  } catch {
    return '';
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const flat = (list: EmailAddress[]): EmailAddress[] => list.flatMap((a) => (a.group ? flat(a.group) : [a]));
  const objects = field ? (Array.isArray(field) ? field : [field]) : [];
  return objects
    .flatMap((o) => flat(o.value))
    .filter((a) => a.address && a.address.includes('@'))
    .map((a) => ({ name: readable(a.name ?? '').trim(), address: a.address!.trim().toLowerCase() }));
}

function ids(value: string | string[] | undefined): string[] {
  const all = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return all.flatMap((v) => v.match(ID) ?? []);
}

function contentTypeOf(header: StructuredHeader | undefined): string {
  if (!header) return 'text/plain';
  const params = Object.entries(header.params ?? {})
    .filter(([name]) => name !== 'boundary')
    .map(([name, value]) => `; ${name}=${value}`);
  return `${header.value}${params.join('')}`.toLowerCase();
}

/** Text as people read it: no control characters (binary junk), no NULs, newlines kept. */
function readable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g, '');
}

/** The Message-ID field of a message mailparser could not read, if its header shows one. */
function messageIdInHead(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(headerEnd(raw).headEnd, 1 << 20)).toString('latin1');
  const field = unfoldedFields(head).find((f) => /^message-id\s*:/i.test(f));
  return field?.match(/<[^<>\s]+>/)?.[0] ?? null;
}
