import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Server } from 'node:http';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { Settings, SETTINGS } from '../config/settings';
import { RoutingService } from '../routing/routing.service';
import { SlaWatchService } from '../sla/sla-watch.service';
import { InFlightRequests } from './in-flight-requests';
import { ShutdownState } from './shutdown-state';

/**
 * SIGTERM (or app.close()), in order, before any store closes: readiness fails and new
 * connections are refused; the requests in flight finish (at most SHUTDOWN_GRACE_MS); the
 * reactors stop after the pass under way; the projection engine stops after committing the
 * batch it holds. Then Nest's shutdown hooks close the stores. Appends are atomic, so even a
 * request cut off by the grace limit leaves no half-written stream.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly state: ShutdownState,
    private readonly inFlight: InFlightRequests,
    private readonly adapterHost: HttpAdapterHost,
    private readonly engine: ProjectionEngine,
    private readonly routing: RoutingService,
    private readonly slaWatch: SlaWatchService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.state.draining = true;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server?.listening) server.close();
    server?.closeIdleConnections();
    const waiting = this.inFlight.size;
    const finished = await this.inFlight.idle(this.settings.SHUTDOWN_GRACE_MS);
    server?.closeIdleConnections();
    if (!finished) {
      this.logger.warn(`${this.inFlight.size} requests still running after ${this.settings.SHUTDOWN_GRACE_MS} ms; closing their connections`);
      server?.closeAllConnections();
    }
    await this.routing.onApplicationShutdown();
    await this.slaWatch.onApplicationShutdown();
    await this.engine.stop();
    if (signal) this.logger.log(`${signal}: drained (${waiting} requests were in flight), reactors and projections stopped; closing the stores`);
  }
}
