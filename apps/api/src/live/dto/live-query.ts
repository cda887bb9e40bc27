import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { LIVE_TICKET_SHAPE } from '../live-tickets';

/** GET /live's query: a browser's credential and where it resumes (EventSource sets neither header itself). */
export class LiveQuery {
  @ApiPropertyOptional({ description: 'A stream ticket from POST /live/ticket, for clients that cannot send an Authorization header (EventSource); good for one minute' })
  @IsOptional() @Matches(LIVE_TICKET_SHAPE, { message: 'ticket must be a stream ticket from POST /live/ticket' })
  ticket?: string;

  @ApiPropertyOptional({ description: 'The id of the last message received (a feed position): the stream replays what came after it, as the Last-Event-ID header does' })
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'lastEventId must be the id of a message this stream sent (a position)' })
  lastEventId?: string;
}
