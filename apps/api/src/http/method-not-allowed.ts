import { METHODS } from 'node:http';
import type { Request } from 'express';

/** What the Express 5 router keeps of a route: its path matcher and the methods it handles. */
interface RouteLayer {
  match(path: string): boolean;
  route?: { methods: Record<string, boolean> };
}

/**
 * The methods the app's routes answer on `path` (with HEAD wherever GET is, as Express does), or
 * none when no route has that path. Read from the app's own router, so it names exactly what
 * would be served: a request that reached no route but whose path is known answers 405 with
 * these in `Allow` (RFC 9110 §15.5.6), not 404.
 */
export function allowedMethods(request: Request): string[] {
  const stack = (request.app as unknown as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  const methods = new Set<string>();
  for (const layer of stack) {
    // Layer.match only records the match's params on the layer, which the router reads
    // synchronously right after its own match, so probing here disturbs no request in flight.
    if (!layer.route || takesEveryMethod(layer.route.methods) || !layer.match(request.path)) continue;
    for (const [method, handled] of Object.entries(layer.route.methods)) {
      if (!handled || method === '_all') continue;
      methods.add(method.toUpperCase());
      if (method === 'get') methods.add('HEAD');
    }
  }
  return [...methods].sort();
}

/** Middleware Nest mounts for every route (e.g. the request logger) takes every method, so it names no resource's. */
function takesEveryMethod(methods: Record<string, boolean>): boolean {
  return methods._all === true || METHODS.every((method) => methods[method.toLowerCase()]);
}

/** Nest's own answer when no route took the request (RoutesResolver's not-found handler). */
export function isUnroutedNotFound(message: string, request: Request): boolean {
  return message === `Cannot ${request.method} ${request.originalUrl}`;
}
