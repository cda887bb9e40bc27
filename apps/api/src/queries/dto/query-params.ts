import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, Category, CHANNELS, Channel, LANGUAGES, Language, normaliseTag, PRIORITIES, Priority, TAG_MAX_LENGTH, TAG_SHAPE, TICKET_STATUSES, TicketStatus } from '@helpdesk/ticketing';

/** Tags as they are stored (lower case, spaces as "-"); what is no tag stays as given and fails validation. */
const tagList = (input: { value: unknown }) => {
  const values = list(input);
  return Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? (normaliseTag(v) ?? v) : v)) : values;
};
const list = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);

/** Every query may ask to read its own writes. */
export class ConsistentQuery {
  @ApiPropertyOptional({ description: 'Wait until the read models have applied this position (from a command response)' })
  @IsOptional() @Matches(/^\d{1,20}$/, { message: 'consistentWith must be a position returned by a command' })
  consistentWith?: string;
}

export class PageQuery extends ConsistentQuery {
  @ApiPropertyOptional({ default: 25, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit = 25;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(2000)
  cursor?: string;
}

/** Filters shared by ticket lists and queues; comma-separated values mean "any of". */
export class TicketFilterQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true })
  @IsOptional() @Transform(list) @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true })
  @IsOptional() @Transform(list) @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional() @Transform(list) @IsIn(CATEGORIES, { each: true })
  category?: Category[];

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true })
  @IsOptional() @Transform(list) @IsIn(LANGUAGES, { each: true })
  language?: Language[];

  @ApiPropertyOptional({ type: [String], description: 'Tickets carrying any of these tags (staff only)' })
  @IsOptional() @Transform(tagList) @IsArray() @ArrayMaxSize(20)
  @MaxLength(TAG_MAX_LENGTH, { each: true }) @Matches(TAG_SHAPE, { each: true, message: 'each tag must be letters, digits, "-" or "_", starting with a letter or digit' })
  tag?: string[];
}

export class ListTicketsQuery extends TicketFilterQuery {
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptional() @Transform(list) @IsIn(CHANNELS, { each: true })
  channel?: Channel[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  assigneeId?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(254)
  customerEmail?: string;

  @ApiPropertyOptional({ enum: ['updatedAt', 'submittedAt'], default: 'updatedAt' })
  @IsOptional() @IsIn(['updatedAt', 'submittedAt'])
  sort: 'updatedAt' | 'submittedAt' = 'updatedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional() @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'desc';
}

export class QueueQuery extends TicketFilterQuery {
  @ApiPropertyOptional({ enum: ['mine', 'unassigned', 'team', 'all'], default: 'all' })
  @IsOptional() @IsIn(['mine', 'unassigned', 'team', 'all'])
  view: 'mine' | 'unassigned' | 'team' | 'all' = 'all';

  @ApiPropertyOptional({ description: 'Team name, with view=team' })
  @IsOptional() @IsString() @MaxLength(100)
  team?: string;
}

export class QueueCountsQuery extends QueueQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'true: count every match (slower on large queues) instead of stopping at QUERY_COUNT_CAP' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false'])
  exact?: 'true' | 'false';
}

export class BreachesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['first_response', 'resolution'] })
  @IsOptional() @IsIn(['first_response', 'resolution'])
  target?: 'first_response' | 'resolution';

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(200)
  assigneeId?: string;
}
