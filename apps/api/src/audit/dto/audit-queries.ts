import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { CATEGORIES, Category } from '@helpdesk/ticketing';
import { PageQuery } from '../../queries/dto/query-params';

const TICKET_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['en', 'ur'], default: 'en' })
  @IsOptional() @IsIn(['en', 'ur'])
  lang: 'en' | 'ur' = 'en';
}

export class StateQuery {
  @ApiPropertyOptional({ description: 'An instant (ISO-8601): the state after every event that had occurred by then' })
  @IsOptional() @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ description: 'A revision: the state right after that event' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  revision?: number;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'Ticket id' })
  @IsString() @Matches(TICKET_ID_SHAPE, { message: 'ticket must be a ticket id' })
  ticket!: string;
}

export class AuditTrailQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Ticket id: that ticket’s entries only' })
  @IsOptional() @Matches(TICKET_ID_SHAPE, { message: 'ticket must be a ticket id' })
  ticket?: string;

  @ApiPropertyOptional({ description: 'Actor id' })
  @IsOptional() @IsString() @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Event type, e.g. TicketAssigned' })
  @IsOptional() @Matches(/^[A-Za-z]{1,60}$/)
  type?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional() @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ description: 'From this instant (inclusive, ISO-8601)' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this instant (exclusive, ISO-8601)' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'ndjson'], default: 'json', description: 'csv and ndjson stream every match' })
  @IsOptional() @IsIn(['json', 'csv', 'ndjson'])
  format: 'json' | 'csv' | 'ndjson' = 'json';
}
