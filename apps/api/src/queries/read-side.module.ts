import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, ReadModels } from '@helpdesk/projection-engine';
import { createReadStore, READ_STORE, ReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { Settings, SETTINGS } from '../config/settings';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { ListTotals } from './list-totals';
import { SlaRemaining } from './sla-remaining';
import { SlaPolicyBook } from '@helpdesk/application';
import { ProjectionsController } from './projections.controller';
import { QueueController } from './queue.controller';
import { SlaController } from './sla.controller';
import { TicketQueriesController } from './ticket-queries.controller';
import { WorkloadController } from './workload.controller';

/**
 * The query side: the read store, the projection engine (in this process unless
 * RUN_PROJECTIONS=false, e.g. when apps/projector runs separately) and the query endpoints.
 */
@Global()
@Module({
  controllers: [TicketQueriesController, QueueController, SlaController, ProjectionsController, WorkloadController],
  providers: [
    { provide: READ_STORE, inject: [SETTINGS], useFactory: (s: Settings) => createReadStore({ mongoUrl: s.MONGO_URL, dataDir: s.DATA_DIR, log: (line) => new Logger('ReadStore').log(line) }) },
    {
      provide: ProjectionEngine,
      inject: [EVENT_STORE, READ_STORE, SlaPolicyBook],
      useFactory: (events: EventStore, store: ReadStore, slaPolicies: SlaPolicyBook) =>
        new ProjectionEngine(events, store, allProjections({ slaPolicies }), {
          onError: (name, error) => new Logger('Projections').warn(`${name}: ${error instanceof Error ? error.message : String(error)}`),
        }),
    },
    { provide: ReadModels, inject: [READ_STORE], useFactory: (store: ReadStore) => new ReadModels(store) },
    ConsistencyInterceptor,
    SlaRemaining,
    ListTotals,
  ],
  exports: [READ_STORE, ProjectionEngine, ReadModels, ListTotals],
})
export class ReadSideModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly engine: ProjectionEngine,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.settings.RUN_PROJECTIONS) await this.engine.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.store.close();
  }
}
