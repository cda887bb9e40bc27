import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SlaModule } from '../sla/sla.module';
import { RoutingModule } from '../routing/routing.module';
import { GracefulShutdown } from './graceful-shutdown';
import { HandlerInFlight } from './handler-in-flight.interceptor';
import { InFlightRequests } from './in-flight-requests';
import { ShutdownState } from './shutdown-state';

/** Graceful shutdown: what is in flight finishes, nothing new starts, then the stores close. */
@Global()
@Module({
  imports: [SlaModule, RoutingModule],
  providers: [ShutdownState, InFlightRequests, GracefulShutdown, { provide: APP_INTERCEPTOR, useClass: HandlerInFlight }],
  exports: [ShutdownState, InFlightRequests],
})
export class LifecycleModule {}
