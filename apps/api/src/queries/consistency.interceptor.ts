import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { EVENT_STORE, EventStore, parsePosition } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { Settings, SETTINGS } from '../config/settings';
import { problem, ProblemException, problemType } from '../http/problem';
import { READS_FROM } from './reads-from.decorator';

/**
 * Read-your-writes: a query with `consistentWith=<position>` (query parameter or
 * `X-Consistent-With` header) waits, bounded, until the projections it reads have applied that
 * position; otherwise it answers 503 with Retry-After rather than stale data. A position still
 * past the event store's head after the wait was never returned by any command: that is the
 * client's mistake, a 400, not the server's.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly engine: ProjectionEngine,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const raw = (request.query.consistentWith as string | undefined) ?? request.header('x-consistent-with');
    if (raw === undefined) return next.handle();
    const position = parsePosition(raw);
    if (position === undefined) {
      throw problem(400, 'invalid-position', 'Invalid consistentWith', 'consistentWith must be a position returned by a command (a non-negative integer).');
    }
    const projections = this.reflector.get<string[]>(READS_FROM, context.getHandler()) ?? undefined;
    return from(this.reach(position, projections)).pipe(switchMap(() => next.handle()));
  }

  private async reach(position: bigint, projections: string[] | undefined): Promise<void> {
    if (await this.engine.waitFor(position, projections, this.settings.CONSISTENCY_WAIT_MS)) return;
    // A store already closing (shutdown) cannot say; the read is then only behind.
    const head = await this.events.headPosition().catch(() => undefined);
    if (head !== undefined && position > head) {
      throw problem(400, 'position-not-written', 'Unknown consistentWith position', `No command has returned position ${position}: the event log does not reach it.`);
    }
    throw new ProblemException(
      {
        type: problemType('read-model-behind'),
        title: 'Read model not caught up yet',
        status: 503,
        detail: `The read models have not reached position ${position} yet; retry shortly.`,
      },
      { 'Retry-After': '1' },
    );
  }
}
