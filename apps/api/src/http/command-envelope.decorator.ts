import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandEnvelope, UserEnvelope } from '@helpdesk/application';
import { actorOf, principalOf, scopeOf } from '../auth/principal';
import { problem } from './problem';

const TOKEN = /^[\x21-\x7e]{1,200}$/;

/** If-Match: a stream revision, bare or as an ETag ("3" or W/"3"). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) {
    throw problem(400, 'invalid-if-match', 'Invalid If-Match', 'If-Match must be the ticket revision you saw, e.g. "3".');
  }
  return Number(match[1]);
}

/** X-Correlation-Id when the caller sends a sensible one, else a fresh id. */
export function correlationIdOf(request: Request): string {
  const correlation = request.header('x-correlation-id');
  return correlation && TOKEN.test(correlation) ? correlation : randomUUID();
}

/** Everything about a command that comes from the request rather than its body. */
export function envelopeFromRequest(request: Request): CommandEnvelope {
  const principal = principalOf(request);
  const key = request.header('idempotency-key');
  if (key !== undefined && !TOKEN.test(key)) {
    throw problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters.');
  }
  return {
    actor: actorOf(principal),
    scope: scopeOf(principal),
    correlationId: correlationIdOf(request),
    expectedRevision: parseIfMatch(request.header('if-match')),
    idempotencyKey: key,
    request: { method: request.method, path: request.path, body: request.body ?? null },
  };
}

export function userEnvelopeFromRequest(request: Request): UserEnvelope {
  return { actor: actorOf(principalOf(request)), correlationId: correlationIdOf(request) };
}

export const Envelope = createParamDecorator((_: unknown, ctx: ExecutionContext) => envelopeFromRequest(ctx.switchToHttp().getRequest()));

export const AccountEnvelope = createParamDecorator((_: unknown, ctx: ExecutionContext) => userEnvelopeFromRequest(ctx.switchToHttp().getRequest()));
