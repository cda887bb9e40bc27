import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AUDIENCES, Audience, SUGGESTION_CONTEXTS, SuggestionContext } from '@helpdesk/knowledge';
import { ConsistentQuery, PageQuery } from '../../queries/dto/query-params';

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const LANGUAGE_MESSAGE = 'language must be a language code such as "en" or "ur"';
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class DraftArticleDto {
  @ApiPropertyOptional({ description: 'Chosen by the author (1-64 letters, digits, "-", "_"); a fresh one when absent', example: 'reset-password' })
  @IsOptional() @Matches(ID, { message: 'articleId must be 1-64 letters, digits, "-" or "_"' })
  articleId?: string;

  @ApiProperty({ example: 'en' }) @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language: string;

  @ApiProperty({ example: 'Reset your password' }) @IsString() @MaxLength(200)
  title: string;

  @ApiProperty({ description: 'Markdown' }) @IsString() @MaxLength(100_000)
  body: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsString({ each: true }) @ArrayMaxSize(20) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'accounts' }) @IsOptional() @IsString() @MaxLength(40)
  category?: string;

  @ApiPropertyOptional({ enum: AUDIENCES, default: 'public' }) @IsOptional() @IsIn(AUDIENCES)
  audience?: Audience;
}

export class EditArticleDto {
  @ApiPropertyOptional({ description: 'The translation edited (a new language adds one)' }) @IsOptional() @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'Markdown' }) @IsOptional() @IsString() @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsString({ each: true }) @ArrayMaxSize(20) @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  category?: string;

  @ApiPropertyOptional({ enum: AUDIENCES }) @IsOptional() @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiPropertyOptional({ description: 'The version the edit was made on: refused (409) when another edit came first' })
  @IsOptional() @IsInt() @Min(1)
  basedOnVersion?: number;
}

export class PublishArticleDto {
  @ApiPropertyOptional({ description: 'The version to publish; the newest when absent' }) @IsOptional() @IsInt() @Min(1)
  version?: number;
}

export class ArticleStatusReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class LinkArticleDto {
  @ApiProperty() @IsString() @MaxLength(64)
  ticketId: string;
}

export class DraftFromTicketDto {
  @ApiProperty() @IsString() @MaxLength(64)
  ticketId: string;

  @ApiPropertyOptional({ default: 'en' }) @IsOptional() @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language?: string;

  @ApiPropertyOptional({ enum: AUDIENCES, default: 'internal' }) @IsOptional() @IsIn(AUDIENCES)
  audience?: Audience;
}

export class VoteDto {
  @ApiProperty() @IsBoolean()
  helpful: boolean;
}

export class ViewDto {
  @ApiProperty({ example: 'ur' }) @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language: string;

  @ApiPropertyOptional({ description: 'The suggestion session it was opened from' }) @IsOptional() @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  sessionId?: string;
}

export class SuggestDto {
  @ApiProperty({ description: 'Made by the client once per form it shows (8-64 letters, digits, "-", "_")' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'sessionId must be 8-64 letters, digits, "-" or "_"' })
  sessionId: string;

  @ApiProperty({ enum: SUGGESTION_CONTEXTS }) @IsIn(SUGGESTION_CONTEXTS)
  context: SuggestionContext;

  @ApiProperty({ description: 'What is being typed (a subject, a question)' }) @IsString() @MaxLength(2000)
  text: string;

  @ApiProperty({ example: 'en' }) @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language: string;

  @ApiPropertyOptional({ description: 'The ticket an agent is reading (context agent_ticket)' }) @IsOptional() @IsString() @MaxLength(64)
  ticketId?: string;

  @ApiPropertyOptional({ default: 5, maximum: 10 }) @IsOptional() @IsInt() @Min(1) @Max(10)
  limit?: number;
}

export class SessionArticleDto {
  @ApiProperty() @Matches(ID, { message: 'articleId must be 1-64 letters, digits, "-" or "_"' })
  articleId: string;
}

export class FiledDto {
  @ApiProperty() @IsString() @MaxLength(64)
  ticketId: string;
}

export class SearchQueryDto extends PageQuery {
  @ApiProperty({ description: 'The words searched for (Urdu or any other language)' }) @IsString() @MaxLength(500)
  q: string;

  @ApiPropertyOptional() @IsOptional() @Matches(LANGUAGE, { message: LANGUAGE_MESSAGE })
  language?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  category?: string;
}

export class ArticleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['draft', 'published', 'unpublished', 'archived'] }) @IsOptional() @IsIn(['draft', 'published', 'unpublished', 'archived'])
  status?: string;
}

export class KbMetricsQuery extends ConsistentQuery {
  @ApiPropertyOptional({ default: 10, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  top = 10;
}
