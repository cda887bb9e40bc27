export type NotificationErrorCode = 'notification_not_found' | 'illegal_transition';

export class NotificationError extends Error {
  override readonly name = 'NotificationError';
  constructor(
    readonly code: NotificationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notificationNotFound = (id: string) => new NotificationError('notification_not_found', `Notification ${id} does not exist.`);
