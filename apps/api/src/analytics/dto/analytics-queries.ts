import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { METRIC_DIMENSIONS, MetricDimension } from '@helpdesk/projections';
import { CATEGORIES, Category, CHANNELS, Channel, PRIORITIES, Priority } from '@helpdesk/ticketing';
import { ConsistentQuery, PageQuery } from '../../queries/dto/query-params';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class MetricsQuery extends ConsistentQuery {
  @ApiPropertyOptional({ enum: METRIC_DIMENSIONS, default: 'all' })
  @IsOptional() @IsIn(METRIC_DIMENSIONS)
  dimension: MetricDimension = 'all';

  @ApiPropertyOptional({ description: 'One value of the dimension (an agent id, a category, ...); all values when absent' })
  @IsOptional() @IsString() @MaxLength(200)
  value?: string;

  @ApiPropertyOptional({ description: 'First local day, YYYY-MM-DD (inclusive)' })
  @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last local day, YYYY-MM-DD (inclusive)' })
  @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export const EXPORTABLE = ['tickets', 'queue', 'sla_breaches', 'audit_trail', 'workload', 'metrics_daily', 'kb_articles', 'kb_suggestion_sessions', 'kb_no_results', 'satisfaction_ratings'] as const;
export type Exportable = (typeof EXPORTABLE)[number];

export class ExportQuery {
  @ApiPropertyOptional({ description: 'nextSince of the previous call; from the beginning when absent' })
  @IsOptional() @Matches(/^\d{20}$/, { message: 'since must be the nextSince of a previous export call' })
  since?: string;

  @ApiPropertyOptional({ default: 500, maximum: 5000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(5000)
  limit = 500;
}

const scores = ({ value }: { value: unknown }) => (typeof value === 'string' || Array.isArray(value) ? String(value).split(',').map((v) => (/^\s*\d\s*$/.test(v) ? Number(v) : v)) : value);

export class RatingsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'First local day the rating was given, YYYY-MM-DD (inclusive)' })
  @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Last local day the rating was given, YYYY-MM-DD (inclusive)' })
  @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ description: 'Only these scores (comma-separated), e.g. 1,2 for the unhappy ones', type: [Number] })
  @IsOptional() @Transform(scores) @IsInt({ each: true }) @Min(1, { each: true }) @Max(5, { each: true })
  score?: number[];

  @ApiPropertyOptional({ description: 'Only ratings with a comment' })
  @IsOptional() @IsIn(['true', 'false'])
  withComment?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'The agent the ticket was resolved by' })
  @IsOptional() @IsString() @MaxLength(200)
  agentId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  team?: string;

  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS)
  channel?: Channel;
}
