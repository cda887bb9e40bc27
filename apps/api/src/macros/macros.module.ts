import { Module } from '@nestjs/common';
import { StreamCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AuthModule } from '../auth/auth.module';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ApplyMacroHandler, RunMacroHandler } from './macro-command-handlers';
import { MacrosController } from './macros.controller';

/** Macros: canned replies with field changes, kept by supervisors, applied by agents in one step. */
@Module({
  imports: [AuthModule],
  controllers: [MacrosController],
  providers: [
    { provide: StreamCommandRunner, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new StreamCommandRunner(store, clock) },
    RunMacroHandler,
    ApplyMacroHandler,
    ConsistencyInterceptor,
  ],
})
export class MacrosModule {}
