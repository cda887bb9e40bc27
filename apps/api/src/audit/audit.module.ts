import { Module } from '@nestjs/common';
import { FeedCheckpointer } from '@helpdesk/application';
import { CheckpointSigner, EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { AuditTrailController } from './audit-trail.controller';
import { loadCheckpointSigner } from './audit-signing-key';
import { FeedCheckpointService } from './feed-checkpoint.service';
import { FeedCheckpointsController } from './feed-checkpoints.controller';
import { TicketHistoryController } from './ticket-history.controller';

/** What auditors use: replayed histories, states at any point, verification, signed checkpoints, the trail and its exports. */
@Module({
  controllers: [TicketHistoryController, AuditTrailController, FeedCheckpointsController],
  providers: [
    { provide: CheckpointSigner, inject: [SETTINGS], useFactory: (s: Settings) => loadCheckpointSigner(s) },
    {
      provide: FeedCheckpointer,
      inject: [EVENT_STORE, CheckpointSigner, CLOCK],
      useFactory: (store: EventStore, signer: CheckpointSigner, clock: Clock) => new FeedCheckpointer(store, signer, clock),
    },
    FeedCheckpointService,
  ],
})
export class AuditModule {}
