import { Global, Module } from '@nestjs/common';
import { TicketCommandRunner } from '@helpdesk/application';
import { BLOB_STORE, BlobStore } from '@helpdesk/blob-store';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ReadModels } from '@helpdesk/projection-engine';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { MAIL_INGEST } from './mail-ingest.port';
import { createMailIngest } from './create-mail-ingest';
import { MailIngestService } from './mail-ingest.service';
import { MAIL_THREAD_KEY } from './mail-thread-key';
import { MailController } from './mail.controller';

/**
 * The inbound mail pipeline (MAIL_INGEST, which the SMTP listener, the IMAP poller and the CLI
 * deliver to) and the staff endpoints for inbound mail. Global, so the transports' modules can
 * inject MAIL_INGEST without importing this one.
 */
@Global()
@Module({
  controllers: [MailController],
  providers: [
    {
      provide: MailIngestService,
      inject: [EVENT_STORE, BLOB_STORE, TicketCommandRunner, CLOCK, MAIL_THREAD_KEY, SETTINGS, ReadModels],
      useFactory: (store: EventStore, blobs: BlobStore, tickets: TicketCommandRunner, clock: Clock, key: string, settings: Settings, readModels: ReadModels) =>
        createMailIngest({ store, blobs, tickets, clock, threadKey: key, settings, readModels }),
    },
    { provide: MAIL_INGEST, useExisting: MailIngestService },
  ],
  exports: [MAIL_INGEST, MailIngestService],
})
export class MailModule {}
