import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Allow } from '../auth/policy';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { capabilitiesOf, READ_STORE, ReadStore } from '@helpdesk/read-store';
import { Settings, SETTINGS } from '../config/settings';

@ApiTags('health')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  /** Liveness: the process answers. No I/O, so it is also the no-op baseline of the benchmarks. */
  @Get('live') @Allow('health.live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: the stores answer. */
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
