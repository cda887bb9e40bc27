import { TicketStatus } from '@helpdesk/ticketing';
import { InboundMail, MailAddress } from './inbound-mail';
import { AuthVerdict } from './mail-auth';
import { threadReferencesIn } from './message-id';

/** What threading needs to know of a ticket: read from its own stream by the edge. */
export interface TicketFacts {
  ticketId: string;
  number: string;
  customerEmail: string;
  status: TicketStatus;
}

export const THREADING_HOWS = ['references', 'number_and_sender', 'new_ticket'] as const;
export type ThreadingHow = (typeof THREADING_HOWS)[number];

/** `ticket_refused`: threaded, but the ticket refused the comment or the new ticket (say, closed in between). */
export const HOLD_REASONS = ['sender_not_customer', 'no_sender', 'dmarc_fail', 'ticket_refused'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export type NewTicketReason = 'no_reference' | 'unknown_number' | 'ticket_closed';

export type ThreadingDecision =
  | { kind: 'comment'; how: 'references' | 'number_and_sender'; ticketId: string; number: string }
  | { kind: 'new_ticket'; reason: NewTicketReason; followUpOf: string | null }
  | { kind: 'hold'; reason: HoldReason; ticketId: string | null };

export interface ThreadingFacts {
  from: MailAddress | null;
  /** The newest ticket one of our Message-IDs in In-Reply-To/References names that exists. */
  referenced: TicketFacts | null;
  /** `[HD-000123]` in the subject, and the ticket with that number if there is one. */
  numberInSubject: string | null;
  numbered: TicketFacts | null;
  dmarc: AuthVerdict;
}

const SUBJECT_NUMBER = /\[\s*(HD-\d{6,})\s*\]/i;

export function subjectTicketNumber(subject: string): string | null {
  return SUBJECT_NUMBER.exec(subject)?.[1].toUpperCase() ?? null;
}

/** Tickets our Message-IDs in the message name, most recent first (In-Reply-To, then References from the end). */
export function referencedTicketIds(mail: Pick<InboundMail, 'inReplyTo' | 'references'>, threadKey: string | Buffer): string[] {
  const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
  return [...new Set(threadReferencesIn(ids, threadKey).map((ref) => ref.ticketId))];
}

/**
 * Where a message belongs. Our Message-IDs first (only we can make them), then the ticket
 * number in the subject only when the sender is that ticket's customer. Whoever is not the
 * ticket's customer is never recorded as them: the message is held for staff, whatever way it
 * was found. A number that does not exist starts a new ticket; so does a reply to a closed one.
 */
export function decideThreading(facts: ThreadingFacts): ThreadingDecision {
  const target = facts.referenced
    ? { ticket: facts.referenced, how: 'references' as const }
    : facts.numbered
      ? { ticket: facts.numbered, how: 'number_and_sender' as const }
      : null;
  if (!facts.from) return { kind: 'hold', reason: 'no_sender', ticketId: target?.ticket.ticketId ?? null };
  if (!target) {
    if (facts.dmarc === 'fail') return { kind: 'hold', reason: 'dmarc_fail', ticketId: null };
    return { kind: 'new_ticket', reason: facts.numberInSubject ? 'unknown_number' : 'no_reference', followUpOf: null };
  }
  const { ticket, how } = target;
  if (ticket.customerEmail.trim().toLowerCase() !== facts.from.address.trim().toLowerCase()) {
    return { kind: 'hold', reason: 'sender_not_customer', ticketId: ticket.ticketId };
  }
  if (facts.dmarc === 'fail') return { kind: 'hold', reason: 'dmarc_fail', ticketId: ticket.ticketId };
  if (ticket.status === 'closed') return { kind: 'new_ticket', reason: 'ticket_closed', followUpOf: ticket.ticketId };
  return { kind: 'comment', how, ticketId: ticket.ticketId, number: ticket.number };
}
