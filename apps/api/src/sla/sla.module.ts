import { Module } from '@nestjs/common';
import { RoutingModule } from '../routing/routing.module';
import { SlaWatchService } from './sla-watch.service';

/** The SLA watch: records warnings and breaches on ticket streams when they fall due. */
@Module({ imports: [RoutingModule], providers: [SlaWatchService], exports: [SlaWatchService] })
export class SlaModule {}
