import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { defer, finalize, Observable } from 'rxjs';
import { ProblemException } from '../http/problem';
import { InFlightRequests, SHUTTING_DOWN } from './in-flight-requests';

/** Keeps a request in flight while its route handler runs, so a shutdown waits for it (in-flight-requests.ts). */
@Injectable()
export class HandlerInFlight implements NestInterceptor {
  constructor(private readonly inFlight: InFlightRequests) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    // Counted when the handler is subscribed to, so an interceptor that answers without it leaves no count behind.
    return defer(() => {
      const leave = this.inFlight.enterHandler(context.switchToHttp().getResponse<Response>());
      if (!leave) throw new ProblemException(SHUTTING_DOWN, { 'Retry-After': '1' });
      return next.handle().pipe(finalize(leave));
    });
  }
}
