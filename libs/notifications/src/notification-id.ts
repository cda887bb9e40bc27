import { v5 as uuidv5 } from 'uuid';
import { NotificationChannel } from './notification-kind';

// Namespace of notification ids: the same event, recipient and channel always give the same id.
const NOTIFICATION_NAMESPACE = 'c4a7f1de-3b52-4f0e-8d1a-6e2b9f30a871';

/**
 * A notification's id: a name-based UUID of what it is about (the source event), whom it is for
 * and how it travels. Its stream is created with expected revision `no_stream`, so an event
 * delivered twice to the outbox records its notifications once.
 */
export function notificationIdFor(sourceEventId: string, recipient: string, channel: NotificationChannel): string {
  return uuidv5(`${sourceEventId}\u0000${recipient.trim().toLowerCase()}\u0000${channel}`, NOTIFICATION_NAMESPACE);
}

/** Deterministic ids for the events the outbox itself appends, so a retried append is recognisable. */
export function outboxEventId(notificationId: string, what: string): string {
  return uuidv5(`${notificationId}\u0000${what}`, NOTIFICATION_NAMESPACE);
}
