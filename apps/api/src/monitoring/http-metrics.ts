import { NextFunction, Request, Response } from 'express';
import { routeOf } from '../logging/request-log';
import { HelpdeskMetrics } from './helpdesk-metrics';

/** Express middleware: every request into the HTTP histogram, by method, route pattern and status. */
export function httpMetrics(metrics: HelpdeskMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => metrics.observeHttp(req.method, routeOf(req) ?? 'unmatched', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    next();
  };
}
