import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { DestinationStream } from 'pino';
import { Options } from 'pino-http';
import { AuthenticatedRequest } from '../auth/principal';

/** The header that carries a request's correlation id, in and out. */
export const CORRELATION_HEADER = 'x-correlation-id';
const SENSIBLE_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * X-Correlation-Id when the caller sent a sensible one, else a fresh id; written back into the
 * request (so the command envelope records the same id on the events) and onto the response.
 */
export function assignCorrelationId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers[CORRELATION_HEADER];
  const id = typeof sent === 'string' && SENSIBLE_ID.test(sent) ? sent : randomUUID();
  req.headers[CORRELATION_HEADER] = id;
  res.setHeader('X-Correlation-Id', id);
  return id;
}

type ExpressRequest = AuthenticatedRequest & { route?: { path?: string }; baseUrl?: string };

/** The route pattern Express matched (`/tickets/:id`), never the URL: ids, query strings and emails stay out. */
export function routeOf(req: IncomingMessage): string | null {
  const { route, baseUrl } = req as ExpressRequest;
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : null;
}

/**
 * What one request's line says: correlation id, method, route pattern, status, duration and who
 * asked (principal id and role). Nothing else of the request: no headers, no query, no body, so
 * no token, password, email or text a customer wrote can reach the log.
 */
function requestLine(req: IncomingMessage, res: ServerResponse, responseTime: number) {
  const principal = (req as ExpressRequest).principal;
  return {
    method: req.method,
    route: routeOf(req),
    status: res.statusCode,
    durationMs: responseTime,
    principal: principal ? { id: principal.id, role: principal.role } : null,
  };
}

/** pino-http options: one JSON line per request, at `level` and above. */
export function requestLogOptions(level: string, stream?: DestinationStream): Options {
  return {
    level,
    ...(stream ? { stream } : {}),
    // Defence in depth for any line that logs a request or its headers by mistake.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]', 'req.body', 'req.query'], censor: '[redacted]' },
    genReqId: assignCorrelationId,
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: { responseTime: number }) => requestLine(req, res, value.responseTime),
    customErrorObject: (req, res, error: Error, value: { responseTime: number }) => ({ ...requestLine(req, res, value.responseTime), error: error.name }),
  };
}
