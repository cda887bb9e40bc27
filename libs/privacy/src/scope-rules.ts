/**
 * Whose data an event holds, and under which scope's keys. A scope is the stream whose keys
 * seal the data: each ticket has its own pair of keys (so retention can shred one ticket), a
 * notification is sealed under its ticket's, a mail under its own. The event that starts a
 * scope names the subject (the customer, the sender); the scope's later events use its keys.
 */
export interface ScopedEvent {
  streamId: string;
  type: string;
  data: Record<string, unknown>;
}

// A verification mail belongs to no ticket (its `ticketId` names the verification request): it is a scope of its own, about its recipient.
const isVerificationMail = (event: ScopedEvent) => event.type === 'NotificationRequested' && event.data.kind === 'email_verification';

export function scopeOf(event: ScopedEvent): string {
  if (event.type === 'NotificationRequested' && !isVerificationMail(event) && typeof event.data.ticketId === 'string') return `ticket-${event.data.ticketId}`;
  // One stream per address holds every request to prove it: each request is a scope of its own,
  // so a person who comes back after their erasure starts with new keys, not shredded ones.
  if (event.type === 'EmailVerificationRequested' && typeof event.data.verificationId === 'string') return `${event.streamId}#${event.data.verificationId}`;
  return event.streamId;
}

/** The subject an event that starts a scope names (lower-cased email, or a stand-in for a sender with none); null for other events. */
export function subjectNamedBy(event: ScopedEvent): string | null {
  if (event.type === 'TicketSubmitted') {
    const email = (event.data.customer as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? normaliseSubject(email) : null;
  }
  if (event.type === 'EmailVerificationRequested' || (event.type === 'UserRegistered' && event.data.role === 'customer')) {
    const email = event.data.email;
    return typeof email === 'string' && email ? normaliseSubject(email) : `anonymous:${event.streamId}`;
  }
  if (event.type === 'MailReceived') {
    const address = (event.data.from as { address?: unknown } | null | undefined)?.address;
    return typeof address === 'string' && address ? normaliseSubject(address) : `anonymous:${event.streamId}`;
  }
  if (isVerificationMail(event)) {
    const recipient = event.data.recipient;
    return typeof recipient === 'string' && recipient ? normaliseSubject(recipient) : `anonymous:${event.streamId}`;
  }
  if (event.type === 'MailBounced') {
    // Normally after the bounce's own MailReceived (whose keys it then uses); alone, it is about the recipient.
    const recipient = event.data.recipient;
    return typeof recipient === 'string' && recipient ? normaliseSubject(recipient) : `anonymous:${event.streamId}`;
  }
  return null;
}

export const normaliseSubject = (email: string) => email.trim().toLowerCase();
