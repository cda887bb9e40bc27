import { Module } from '@nestjs/common';
import { SlaWatchService } from './sla-watch.service';

/** The SLA watch: records warnings and breaches on ticket streams when they fall due. */
@Module({ providers: [SlaWatchService], exports: [SlaWatchService] })
export class SlaModule {}
