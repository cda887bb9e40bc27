import { Module } from '@nestjs/common';
import { AgentCommandRunner } from '@helpdesk/application';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AgentsController } from '../agents/agents.controller';
import { ChangeAgentHandler } from '../agents/change-agent.handler';
import { RoutingService } from './routing.service';

/** Agents and routing: the roster, and auto-assignment with acknowledgement deadlines. */
@Module({
  controllers: [AgentsController],
  providers: [
    { provide: AgentCommandRunner, inject: [EVENT_STORE, CLOCK], useFactory: (store: EventStore, clock: Clock) => new AgentCommandRunner(store, clock) },
    ChangeAgentHandler,
    RoutingService,
  ],
  exports: [RoutingService, AgentCommandRunner],
})
export class RoutingModule {}
