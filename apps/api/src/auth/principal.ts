import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { UserRole } from '@helpdesk/identity';
import { Actor, ActorScope } from '@helpdesk/ticketing';

/** How the caller proved who they are. */
export type Credential = { kind: 'session'; sessionId: string } | { kind: 'api_token'; tokenId: string };

/** The authenticated caller, as the access guard found them in the user directory. */
export interface Principal {
  id: string;
  role: UserRole;
  email: string;
  name: string;
  teams: string[];
  /** Analysts see customer PII only with this grant. */
  piiAccess: boolean;
  credential: Credential;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The actor events record: always the authenticated principal. */
export const actorOf = (principal: Principal): Actor => ({ id: principal.id, role: principal.role });

/** What of the account decides which tickets the principal reaches. */
export const scopeOf = (principal: Principal): ActorScope => ({ email: principal.email, teams: principal.teams });

export function principalOf(request: Request): Principal {
  const principal = (request as AuthenticatedRequest).principal;
  // The access guard runs before every handler; a handler without a principal is a wiring bug.
  if (!principal) throw new Error(`No authenticated principal on ${request.method} ${request.path}: is the route public?`);
  return principal;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => principalOf(ctx.switchToHttp().getRequest()));
