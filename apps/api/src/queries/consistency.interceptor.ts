import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { parsePosition } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { Settings, SETTINGS } from '../config/settings';
import { problem, ProblemException, problemType } from '../http/problem';
import { READS_FROM } from './reads-from.decorator';

/**
 * Read-your-writes: a query with `consistentWith=<position>` (query parameter or
 * `X-Consistent-With` header) waits, bounded, until the projections it reads have applied that
 * position; otherwise it answers 503 with Retry-After rather than stale data.
 */
@Injectable()
export class ConsistencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly engine: ProjectionEngine,
    @Inject(SETTINGS) private readonly settings: Settings,
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
    return from(this.engine.waitFor(position, projections, this.settings.CONSISTENCY_WAIT_MS)).pipe(
      switchMap((reached) => {
        if (!reached) {
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
        return next.handle();
      }),
    );
  }
}
