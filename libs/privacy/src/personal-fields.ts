/**
 * Which fields of which events are personal, and under which of the scope's two keys they are
 * sealed: `identity` (who: names, addresses, phone numbers) or `content` (what they wrote:
 * descriptions, comments, file names, mail subjects). Everything else (ids, types, states,
 * priorities, times, sizes, hashes) stays clear, so lifecycles, SLAs and metrics read the same
 * after an erasure. Erasing a subject shreds both keys; anonymising a ticket shreds `identity`.
 */
export type Purpose = 'identity' | 'content';
export const PURPOSES: readonly Purpose[] = ['identity', 'content'];

/** What an erased field reads as: text, or an address that can never match a real one. */
export type ErasedKind = 'text' | 'email';
export const ERASED_TEXT = '[erased]';
export const ERASED_EMAIL = 'erased@erased.invalid';
export const erasedValue = (kind: ErasedKind): string => (kind === 'email' ? ERASED_EMAIL : ERASED_TEXT);

export interface PersonalField {
  /** Dotted path into the event's data; `name[]` walks every element of an array. */
  path: string;
  purpose: Purpose;
  kind: ErasedKind;
}

const id = (path: string, kind: ErasedKind = 'text'): PersonalField => ({ path, purpose: 'identity', kind });
const said = (path: string): PersonalField => ({ path, purpose: 'content', kind: 'text' });

export const PERSONAL_FIELDS: Readonly<Record<string, readonly PersonalField[]>> = {
  // ticket-<id>
  TicketSubmitted: [
    id('customer.name'),
    id('customer.email', 'email'),
    id('customer.phone'),
    said('subject'),
    said('description'),
    said('errorMessages[]'),
    said('stepsToReproduce'),
    said('impact'),
    said('attachments[].filename'),
  ],
  CommentAdded: [said('body'), said('attachments[].filename')],
  // A rule's notice may quote the customer's name and subject through its placeholders.
  RuleFired: [said('notify[].subject'), said('notify[].body')],
  TicketResolved: [said('resolution')],
  ResolutionConfirmed: [said('note')],
  ResolutionRejected: [said('reason')],
  TicketReopened: [said('reason')],
  // mail-<id>
  MailReceived: [
    id('from.name'),
    id('from.address', 'email'),
    id('to[].name'),
    id('to[].address', 'email'),
    id('cc[].name'),
    id('cc[].address', 'email'),
    id('envelopeFrom', 'email'),
    id('envelopeTo[]', 'email'),
    id('remoteAddress'),
    said('subject'),
    said('attachments[].filename'),
    said('skippedAttachments[].filename'),
  ],
  MailBounced: [id('recipient', 'email'), said('diagnostic')],
  MailHeld: [said('detail')],
  // notification-<id>: sealed under its ticket's keys
  // verification-<sha256 of the address>: a scope per request (see scope-rules.ts)
  EmailVerificationRequested: [
    id('email', 'email'),
    id('name'),
    id('submission.customer.name'),
    id('submission.customer.email', 'email'),
    id('submission.customer.phone'),
    said('submission.subject'),
    said('submission.description'),
    said('submission.errorMessages[]'),
    said('submission.stepsToReproduce'),
    said('submission.impact'),
    said('submission.attachments[].filename'),
  ],
  // user-<id>: a customer's account only (staff accounts are not data subjects here: see personalFieldsOf)
  UserRegistered: [id('email', 'email'), id('name')],
  NotificationRequested: [
    id('recipient', 'email'),
    id('vars.recipientName'),
    id('vars.customerName'),
    said('vars.ticketSubject'),
    said('vars.body'),
    said('vars.resolution'),
    said('vars.noticeSubject'),
  ],
};

/**
 * The personal fields of an event of `type` with `data`. A staff account's registration holds
 * none: staff names and addresses are who did what in every audit trail, so they stay clear.
 */
export function personalFieldsOf(type: string, data: Record<string, unknown>): readonly PersonalField[] {
  if (type === 'UserRegistered' && data.role !== 'customer') return [];
  return PERSONAL_FIELDS[type] ?? [];
}

/**
 * Rewrites every string at the field's path (a copy; the input is not changed). `visit`
 * answers the new value; non-strings (null, absent, numbers) are left as they are.
 */
export function mapField(
  data: Record<string, unknown>,
  path: string,
  visit: (value: string, concretePath: string) => string,
): Record<string, unknown> {
  return walk(data, path.split('.'), '', visit) as Record<string, unknown>;
}

function walk(node: unknown, segments: string[], prefix: string, visit: (value: string, path: string) => string): unknown {
  if (segments.length === 0) return typeof node === 'string' ? visit(node, prefix.slice(0, -1)) : node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const [head, ...rest] = segments;
  const record = node as Record<string, unknown>;
  if (head.endsWith('[]')) {
    const name = head.slice(0, -2);
    const list = record[name];
    if (!Array.isArray(list)) return node;
    return { ...record, [name]: list.map((item, i) => walk(item, rest, `${prefix}${name}.${i}.`, visit)) };
  }
  if (!(head in record)) return node;
  return { ...record, [head]: walk(record[head], rest, `${prefix}${head}.`, visit) };
}
