import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { parsePosition } from '@helpdesk/event-store';
import { Clock, CLOCK } from '@helpdesk/shared';
import { AccessTokens } from '../auth/access-tokens';
import { Allow } from '../auth/policy';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { problem } from '../http/problem';
import { LiveQuery } from './dto/live-query';
import { LiveFeed } from './live-feed';
import { ticketUntil } from './live-ticket.middleware';
import { LiveTickets } from './live-tickets';

const BEARER = /^Bearer (\S+)$/i;

/** Live updates: server-sent events naming what changed within the caller's reach (README "Live updates"). */
@ApiTags('live')
@Controller('live')
export class LiveController {
  constructor(
    private readonly feed: LiveFeed,
    private readonly tickets: LiveTickets,
    private readonly tokens: AccessTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('ticket') @Allow('live.ticket') @HttpCode(200)
  @ApiOperation({ summary: 'A stream ticket: opens GET /live?ticket= within a minute, for the stream a browser cannot send a header to' })
  @ApiOkResponse({ schema: { type: 'object', required: ['ticket', 'expiresAt', 'streamUntil'], properties: { ticket: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, streamUntil: { type: 'string', format: 'date-time' } } } })
  ticket(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    const sessionId = principal.credential.kind === 'session' ? principal.credential.sessionId : '';
    const until = this.credentialExpiry(request);
    const { ticket, expiresAt } = this.tickets.issue({ sub: principal.id, sid: sessionId, role: principal.role, until });
    return { ticket, expiresAt: expiresAt.toISOString(), streamUntil: new Date(until * 1000).toISOString() };
  }

  @Get() @Allow('live.stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: what changed, within reach, once the read models show it',
    description:
      'Messages `ticket` {ticketId, number, type, position}, `rules`, `agents`, `users`, `macros` (by id and type); `ready` once joined, ' +
      '`reset` when a resume is too far behind (reload everything), `position` when the feed moved on, `end` {reason} before the server closes it. ' +
      'Each id is a feed position: send it back as Last-Event-ID (or lastEventId) to resume. A comment line every 15 s keeps it open.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last message received: what came after it is replayed first' })
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async stream(@CurrentPrincipal() principal: Principal, @Query() q: LiveQuery, @Req() request: Request, @Res() response: Response): Promise<void> {
    const resumeFrom = q.lastEventId ?? request.header('last-event-id');
    const resumeAfter = resumeFrom === undefined || resumeFrom === '' ? undefined : parsePosition(resumeFrom);
    if (resumeFrom !== undefined && resumeFrom !== '' && resumeAfter === undefined) {
      throw problem(400, 'invalid-position', 'Invalid Last-Event-ID', 'Last-Event-ID must be the id of a message this stream sent (a position).');
    }
    const until = ticketUntil(request) ?? this.credentialExpiry(request);
    await this.feed.serve(response, principal, until * 1000, resumeAfter);
  }

  /**
   * When the credential of this request runs out (seconds since the epoch): an access token's own
   * expiry; an API token, which may live for months, is asked again after an access token's lifetime.
   */
  private credentialExpiry(request: Request): number {
    const token = BEARER.exec(request.header('authorization')?.trim() ?? '')?.[1];
    try {
      if (token && !token.startsWith('hdk.')) return this.tokens.verify(token).exp;
    } catch {
      // Checked by the guard a moment ago; it can only have run out since.
    }
    return Math.floor(this.clock.now().getTime() / 1000) + this.tokens.ttlSeconds;
  }
}
