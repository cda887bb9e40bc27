import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CATEGORIES, Category, MAX_TAGS_PER_TICKET, PRIORITIES, Priority, TAG_MAX_LENGTH } from '@helpdesk/ticketing';

/** Bodies of the ticket lifecycle commands; each is small enough to sit beside the others. */

export class NoteDto {
  @ApiPropertyOptional({ description: 'Optional free text kept with the event' })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class AssignTicketDto {
  @ApiProperty({ example: 'agent-ali' })
  @IsString() @MinLength(1) @MaxLength(200)
  agentId: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class PrioritizeTicketDto {
  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class CategorizeTicketDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category: Category;
}

export class TagTicketDto {
  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS_PER_TICKET, description: `Tags to add: letters (any script), digits, "-" or "_", up to ${TAG_MAX_LENGTH} each; stored lower-cased, spaces as "-"` })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS_PER_TICKET) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH * 2, { each: true })
  add?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS_PER_TICKET, description: 'Tags to remove (one the ticket does not have is ignored)' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS_PER_TICKET) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH * 2, { each: true })
  remove?: string[];
}

export class AddCommentDto {
  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(20000)
  body: string;

  @ApiProperty({ enum: ['public', 'internal'] })
  @IsIn(['public', 'internal'])
  visibility: 'public' | 'internal';
}

export class ResolveTicketDto {
  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(20000)
  resolution: string;
}

export class ReasonDto {
  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(2000)
  reason: string;
}
