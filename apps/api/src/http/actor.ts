import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { Actor, ActorScope, Role, ROLES } from '@helpdesk/ticketing';
import { problem } from './problem';

const CLAIMABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'system');

/**
 * The acting principal. TEMPORARY: read from X-Actor-Id / X-Actor-Role until authentication
 * lands; this is the only place that reads them, so it is the only place to replace.
 */
export function actorFromRequest(request: Request): Actor {
  const id = request.header('x-actor-id')?.trim();
  const role = request.header('x-actor-role')?.trim() as Role | undefined;
  if (!id || !role) {
    throw problem(401, 'unauthenticated', 'Who is asking?', 'Send X-Actor-Id and X-Actor-Role headers (until sign-in exists).');
  }
  if (id.length > 200 || !/^[\p{L}\p{N}._@:+-]+$/u.test(id)) {
    throw problem(400, 'invalid-actor', 'Invalid actor', 'X-Actor-Id must be 1-200 letters, digits or . _ @ : + -');
  }
  if (!CLAIMABLE_ROLES.includes(role)) {
    throw problem(400, 'invalid-actor', 'Invalid actor', `X-Actor-Role must be one of ${CLAIMABLE_ROLES.join(', ')}.`);
  }
  return { id, role };
}

/** TEMPORARY, like the headers above: a customer's email (X-Actor-Email) decides which tickets are theirs. */
export function scopeFromRequest(request: Request): ActorScope {
  const email = request.header('x-actor-email')?.trim().toLowerCase();
  return email ? { email } : {};
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext) => actorFromRequest(ctx.switchToHttp().getRequest()));
