import { Request } from 'express';
import { Reader } from '@helpdesk/knowledge';
import { Actor, isStaff } from '@helpdesk/ticketing';
import { Authenticator } from '../auth/authenticator';
import { Principal } from '../auth/principal';

/** Who is reading a public knowledge-base route: nobody signed in, or whoever the bearer is. */
export interface KnowledgeCaller {
  principal: Principal | null;
  actor: Actor;
  reader: Reader;
}

/** Public routes run no access check, so a bearer sent along is checked here (a bad one: 401). */
export async function callerOf(request: Request, authenticator: Authenticator): Promise<KnowledgeCaller> {
  if (request.header('authorization') === undefined) return { principal: null, actor: { id: 'anonymous', role: 'customer' }, reader: 'customer' };
  const principal = await authenticator.authenticate(request);
  return { principal, actor: { id: principal.id, role: principal.role }, reader: isStaff(principal.role) ? 'staff' : 'customer' };
}
