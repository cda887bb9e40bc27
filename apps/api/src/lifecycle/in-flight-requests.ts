import { Injectable } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, problemType } from '../http/problem';
import { ShutdownState } from './shutdown-state';

/**
 * Counts the requests being served, so a shutdown can wait for them; once draining, a request
 * that still arrives (on a kept-alive connection) is refused with 503 and `Connection: close`
 * before anything runs, so the client knows it was not done and retries elsewhere.
 */
@Injectable()
export class InFlightRequests {
  private count = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly state: ShutdownState) {}

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.state.draining) {
      res.status(503).set({ 'Content-Type': PROBLEM_CONTENT_TYPE, 'Retry-After': '1', Connection: 'close' });
      res.send(JSON.stringify({ type: problemType('shutting-down'), title: 'Shutting down', status: 503, detail: 'This server is shutting down; nothing was done. Try again.' }));
      return;
    }
    this.count++;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    res.once('finish', finished);
    res.once('close', finished);
    next();
  };

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
}
