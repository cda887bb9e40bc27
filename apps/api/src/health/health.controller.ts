import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Allow } from '../auth/policy';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { capabilitiesOf, READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Settings, SETTINGS } from '../config/settings';
import { problem } from '../http/problem';
import { ReadinessChecks, runProbe } from './readiness-checks';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly terminus: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly checks: ReadinessChecks,
  ) {}

  /** Liveness: the process answers. No I/O, so it is also the no-op baseline of the benchmarks. */
  @Get('live') @Allow('health.live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: 200 with terminus's result ({status: 'ok', info, error, details}) when every check
   * is up; else 503 problem+json (type urn:helpdesk:problem:not-ready) naming the checks down, with
   * the same result under `checks`.
   */
  @Get('ready') @Allow('health.readiness') @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.terminus.check(
        this.checks.entries().map(([name, probe]) => async () => {
          const { up, ...details } = await runProbe(probe);
          return up ? this.indicator.check(name).up(details) : this.indicator.check(name).down(details);
        }),
      );
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw problem(503, 'not-ready', 'Not ready', `Not ready: ${down.join(', ')} down.`, { checks: result });
    }
  }

  /** The stores' backends and the event store's head (the original health endpoint). */
  @Get() @Allow('health.ready')
  async health() {
    const head = await this.store.headPosition();
    return {
      status: 'ok',
      eventStore: { backend: this.settings.EVENT_STORE_URL ? 'eventstoredb' : 'sqlite', headPosition: head.toString() },
      readStore: capabilitiesOf(this.readStore),
    };
  }
}
