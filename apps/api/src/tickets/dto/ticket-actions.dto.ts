import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CATEGORIES, Category, PRIORITIES, Priority } from '@helpdesk/ticketing';

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
