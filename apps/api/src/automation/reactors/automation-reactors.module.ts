import { Module } from '@nestjs/common';
import { RoutingModule } from '../../routing/routing.module';
import { AutomationService } from './automation.service';

/** The automation rules at work: triggers on the feed, time-based rules on their clocks. */
@Module({
  imports: [RoutingModule],
  providers: [AutomationService],
  exports: [AutomationService],
})
export class AutomationReactorsModule {}
