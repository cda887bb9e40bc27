import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MACRO_NAME_MAX, MACRO_PLACEHOLDERS, MACRO_REPLY_MAX } from '@helpdesk/automation';
import { ConsistentQuery } from '../../queries/dto/query-params';
import { CATEGORIES, Category, MAX_TAGS_PER_TICKET, PRIORITIES, Priority, TAG_MAX_LENGTH } from '@helpdesk/ticketing';

const placeholders = MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

export class MacroReplyDto {
  @ApiProperty({ description: `English text; may use ${placeholders}` })
  @IsString() @MaxLength(MACRO_REPLY_MAX)
  en: string;

  @ApiPropertyOptional({ description: 'Urdu text, sent to customers whose language is Urdu (else the English one)', nullable: true })
  @IsOptional() @IsString() @MaxLength(MACRO_REPLY_MAX)
  ur?: string | null;
}

export class MacroChangesDto {
  @ApiPropertyOptional({ enum: PRIORITIES, nullable: true })
  @IsOptional() @IsIn(PRIORITIES)
  priority?: Priority | null;

  @ApiPropertyOptional({ enum: CATEGORIES, nullable: true })
  @IsOptional() @IsIn(CATEGORIES)
  category?: Category | null;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS_PER_TICKET })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS_PER_TICKET) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH * 2, { each: true })
  addTags?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS_PER_TICKET })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_TAGS_PER_TICKET) @IsString({ each: true }) @MaxLength(TAG_MAX_LENGTH * 2, { each: true })
  removeTags?: string[];
}

/** A macro as supervisors write it: a reply and/or field changes. */
export class MacroContentDto {
  @ApiProperty({ maxLength: MACRO_NAME_MAX })
  @IsString() @MaxLength(MACRO_NAME_MAX * 2)
  name: string;

  @ApiPropertyOptional({ type: MacroReplyDto, nullable: true, description: 'Absent or null: field changes only' })
  @IsOptional() @ValidateNested() @Type(() => MacroReplyDto)
  reply?: MacroReplyDto | null;

  @ApiPropertyOptional({ enum: ['public', 'internal'], default: 'public' })
  @IsOptional() @IsIn(['public', 'internal'])
  visibility?: 'public' | 'internal';

  @ApiPropertyOptional({ type: MacroChangesDto })
  @IsOptional() @ValidateNested() @Type(() => MacroChangesDto)
  changes?: MacroChangesDto;
}

export class RetireMacroDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string | null;
}

export class MacroListQuery extends ConsistentQuery {
  @ApiPropertyOptional({ default: false, description: 'Include retired macros' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false'])
  retired?: 'true' | 'false';
}

export const contentOf = (dto: MacroContentDto) => ({
  name: dto.name,
  reply: dto.reply ? { en: dto.reply.en, ur: dto.reply.ur ?? null } : null,
  visibility: dto.visibility ?? 'public',
  changes: { priority: dto.changes?.priority ?? null, category: dto.changes?.category ?? null, addTags: dto.changes?.addTags ?? [], removeTags: dto.changes?.removeTags ?? [] },
});

