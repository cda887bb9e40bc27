import { Injectable } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { Problem, PROBLEM_CONTENT_TYPE, problemType } from '../http/problem';
import { ShutdownState } from './shutdown-state';

/** What a request refused because the server is shutting down is answered (by the middleware and by HandlerInFlight). */
export const SHUTTING_DOWN: Problem = { type: problemType('shutting-down'), title: 'Shutting down', status: 503, detail: 'This server is shutting down; nothing was done. Try again.' };

interface Tracked {
  done: boolean;
  /** The client's connection is gone (the response's `close`), whether or not it was answered. */
  closed: boolean;
  /** Route handlers of this request still running (HandlerInFlight). */
  running: number;
}

/**
 * Counts the requests being served, so a shutdown can wait for them; once draining, a request
 * that still arrives (on a kept-alive connection) is refused with 503 and `Connection: close`
 * before anything runs, so the client knows it was not done and retries elsewhere.
 *
 * A request is served until its response is sent, or until its client has gone and no route
 * handler of it is still running: a client that hangs up does not stop a command half way, and
 * the stores must not close under it.
 */
@Injectable()
export class InFlightRequests {
  private count = 0;
  private waiters: Array<() => void> = [];
  private readonly tracked = new WeakMap<Response, Tracked>();

  constructor(private readonly state: ShutdownState) {}

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.state.draining) {
      res.status(503).set({ 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': '1', Connection: 'close' });
      res.send(JSON.stringify(SHUTTING_DOWN));
      return;
    }
    const tracked: Tracked = { done: false, closed: false, running: 0 };
    this.tracked.set(res, tracked);
    this.count++;
    res.once('finish', () => this.finish(tracked));
    res.once('close', () => {
      tracked.closed = true;
      if (tracked.running === 0) this.finish(tracked);
    });
    next();
  };

  /**
   * A route handler of the request `res` starts: it counts as in flight until the returned
   * callback is called, even if its client goes. Null when its client has gone already and the
   * server is draining: the handler must not start (nobody waits for its answer, and the stores
   * are about to close).
   */
  enterHandler(res: Response): (() => void) | null {
    const tracked = this.tracked.get(res);
    if (!tracked) return () => undefined;
    if (tracked.done) {
      if (this.state.draining) return null;
      tracked.done = false;
      this.count++;
    }
    tracked.running++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--tracked.running === 0 && tracked.closed) this.finish(tracked);
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves true once no request is being served, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private finish(tracked: Tracked): void {
    if (tracked.done) return;
    tracked.done = true;
    if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }
}
