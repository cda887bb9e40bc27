import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';
import { TicketHistoryController } from './ticket-history.controller';

/** What auditors use: replayed histories, states at any point, chain verification, the trail and its exports. */
@Module({ controllers: [TicketHistoryController, AuditTrailController] })
export class AuditModule {}
