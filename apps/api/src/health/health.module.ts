import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine, REGISTRY_COLLECTION } from '@helpdesk/projection-engine';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Settings, SETTINGS } from '../config/settings';
import { HealthController } from './health.controller';
import { ReadinessChecks } from './readiness-checks';
import { ShutdownState } from '../lifecycle/shutdown-state';

/**
 * GET /health (the stores' backends and head, as before), /health/live (the process answers)
 * and /health/ready (@nestjs/terminus: every readiness check up). Other modules add checks
 * through ReadinessChecks.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [ReadinessChecks],
  exports: [ReadinessChecks],
})
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly checks: ReadinessChecks,
    private readonly shutdown: ShutdownState,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly engine: ProjectionEngine,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit(): void {
    this.checks.add('accepting', async () => ({ up: !this.shutdown.draining, ...(this.shutdown.draining ? { reason: 'shutting down' } : {}) }));
    this.checks.add('eventStore', async () => ({ up: true, headPosition: (await this.events.headPosition()).toString() }));
    this.checks.add('readStore', async () => {
      await this.store.collection(REGISTRY_COLLECTION).count({});
      return { up: true };
    });
    const limit = this.settings.READY_MAX_PROJECTION_LAG_SECONDS;
    this.checks.add('projections', async () => {
      const lagging = (await this.engine.status()).filter((p) => p.secondsBehind > limit).map((p) => ({ name: p.name, secondsBehind: p.secondsBehind, positionsBehind: p.positionsBehind }));
      return { up: lagging.length === 0, maxLagSeconds: limit, ...(lagging.length ? { lagging } : {}) };
    });
  }
}
