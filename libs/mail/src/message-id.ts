import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Message-IDs of the mail the helpdesk sends: `<hd.<ticketId>.<notificationId>.<mac>@<domain>>`.
 * The MAC (HMAC-SHA256 over ticket and notification id, truncated to 128 bits) makes them
 * unguessable: a reply whose In-Reply-To/References carries one really answers our mail about
 * that ticket, and a bounce that quotes one names the notification it answers. Nobody without
 * the key can forge one for another ticket.
 */
export interface ThreadReference {
  ticketId: string;
  notificationId: string;
}

const ID_PART = /^[A-Za-z0-9-]{1,64}$/;
const PATTERN = /^<?hd\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{22})@([^>\s]+)>?$/;

export function threadMessageId(ref: ThreadReference, key: Buffer | string, domain: string): string {
  if (!ID_PART.test(ref.ticketId) || !ID_PART.test(ref.notificationId)) throw new Error('ticket and notification ids must be plain ids');
  return `<hd.${ref.ticketId}.${ref.notificationId}.${mac(ref, key)}@${domain}>`;
}

/** The ticket and notification a Message-ID of ours names; null for any other id or a forged MAC. */
export function parseThreadMessageId(messageId: string, key: Buffer | string): ThreadReference | null {
  const match = PATTERN.exec(messageId.trim());
  if (!match) return null;
  const ref = { ticketId: match[1], notificationId: match[2] };
  const expected = Buffer.from(mac(ref, key));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? ref : null;
}

/** Every Message-ID of ours among a header's ids (In-Reply-To, References), newest last as given. */
export function threadReferencesIn(ids: readonly string[], key: Buffer | string): ThreadReference[] {
  return ids.map((id) => parseThreadMessageId(id, key)).filter((ref): ref is ThreadReference => ref !== null);
}

function mac(ref: ThreadReference, key: Buffer | string): string {
  return createHmac('sha256', key).update(`${ref.ticketId}\u0000${ref.notificationId}`).digest().subarray(0, 16).toString('base64url');
}
