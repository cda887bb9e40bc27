import { Module } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { DEFAULT_RETRY_POLICY } from '@helpdesk/notifications';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { NotificationCommandRunner } from './notification-command-runner';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** Outbound notifications: the outbox reactor, the sender, and the staff's view of them. */
@Module({
  controllers: [NotificationsController],
  providers: [
    {
      provide: NotificationCommandRunner,
      inject: [EVENT_STORE, CLOCK, SETTINGS],
      useFactory: (store: EventStore, clock: Clock, s: Settings) =>
        new NotificationCommandRunner(store, clock, {
          ...DEFAULT_RETRY_POLICY,
          maxAttempts: s.NOTIFICATION_MAX_ATTEMPTS,
          baseSeconds: s.NOTIFICATION_RETRY_BASE_SECONDS,
          maxSeconds: s.NOTIFICATION_RETRY_MAX_SECONDS,
        }),
    },
    NotificationsService,
  ],
  exports: [NotificationsService, NotificationCommandRunner],
})
export class NotificationsModule {}
