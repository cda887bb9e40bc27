import { Global, Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { RoutingModule } from '../routing/routing.module';
import { GracefulShutdown } from './graceful-shutdown';
import { InFlightRequests } from './in-flight-requests';
import { ShutdownState } from './shutdown-state';

/** Graceful shutdown: what is in flight finishes, nothing new starts, then the stores close. */
@Global()
@Module({
  imports: [SlaModule, RoutingModule],
  providers: [ShutdownState, InFlightRequests, GracefulShutdown],
  exports: [ShutdownState, InFlightRequests],
})
export class LifecycleModule {}
