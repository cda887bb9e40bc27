import { Injectable, NestMiddleware } from '@nestjs/common';
import { NextFunction, Request, Response } from 'express';
import { AccessTokens } from '../auth/access-tokens';
import { unauthenticated } from '../auth/authenticator';
import { LiveTickets } from './live-tickets';

/** When a stream opened with a ticket must end (seconds since the epoch): the ticket's `until`. */
const TICKET_UNTIL = new WeakMap<Request, number>();
export const ticketUntil = (request: Request): number | undefined => TICKET_UNTIL.get(request);

/**
 * GET /live only, before the access guard: a `?ticket=` from POST /live/ticket stands in for the
 * Authorization header a browser's EventSource cannot send. The guard reads credentials from that
 * header alone, so the ticket's session is handed to it as an access token minted here for this
 * one request (it is never sent anywhere); the guard then checks the account, the session and the
 * role exactly as for any other request. A header sent along wins, and the ticket is ignored.
 */
@Injectable()
export class LiveTicketMiddleware implements NestMiddleware {
  constructor(
    private readonly tickets: LiveTickets,
    private readonly tokens: AccessTokens,
  ) {}

  use(request: Request, _response: Response, next: NextFunction): void {
    const ticket = request.query.ticket;
    if (typeof ticket !== 'string' || request.headers.authorization !== undefined) return next();
    let claims;
    try {
      claims = this.tickets.verify(ticket);
    } catch {
      return next(unauthenticated('invalid-token', 'The stream ticket is not valid or has expired: ask POST /live/ticket for a new one.'));
    }
    request.headers.authorization = `Bearer ${this.tokens.issue({ id: claims.sub, role: claims.role, teams: [] }, claims.sid)}`;
    TICKET_UNTIL.set(request, claims.until);
    next();
  }
}
