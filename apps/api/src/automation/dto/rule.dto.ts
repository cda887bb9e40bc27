import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { RULE_CLOCKS, RULE_DURATION_UNITS, RULE_MAX_ACTIONS, RULE_MAX_CONDITIONS, RULE_NAME_MAX, RULE_TRIGGER_EVENTS, RuleAction, RuleClock, RuleCondition, RuleContent, RuleDurationUnit } from '@helpdesk/automation';
import { RULE_ACTION_SCHEMAS, RULE_CONDITION_SCHEMAS } from './rule-schemas';

/** The largest order a rule may have (the decider's bound). */
export const RULE_ORDER_MAX = 1_000_000;

export class RuleScheduleDto {
  @ApiProperty({ enum: RULE_CLOCKS, description: 'waiting_on_customer: since the ticket went on hold; unassigned: since it was submitted or reopened with no assignee; resolved_unanswered: since its resolution, until the customer answers' })
  @IsIn(RULE_CLOCKS)
  clock: RuleClock;

  @ApiProperty({ description: 'How long the clock must run; at most a year in the unit' })
  @IsInt() @Min(1) @Max(525_600)
  amount: number;

  @ApiProperty({ enum: RULE_DURATION_UNITS, description: 'business_hours count only while the business calendar is open' })
  @IsIn(RULE_DURATION_UNITS)
  unit: RuleDurationUnit;
}

/** A rule as a supervisor writes it: a trigger (events) or a time-based rule (schedule), its conditions and actions. */
export class RuleContentDto {
  @ApiProperty({ description: `1-${RULE_NAME_MAX} characters` })
  @IsString() @MaxLength(RULE_NAME_MAX * 2)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'What the rule is for (at most 2000 characters are kept)' })
  @IsOptional() @IsString() @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ enum: RULE_TRIGGER_EVENTS, isArray: true, maxItems: RULE_TRIGGER_EVENTS.length, nullable: true, description: 'A trigger: the ticket events that set it off (give events or schedule, not both)' })
  // Which events: the decider checks, naming the one it does not know (an `each` IsIn here would make the document's array a string).
  @IsOptional() @IsArray() @ArrayMaxSize(RULE_TRIGGER_EVENTS.length) @IsString({ each: true })
  // Typed without `| null` so the document sees an array (null is still taken: absent).
  events?: string[];

  @ApiPropertyOptional({ type: RuleScheduleDto, nullable: true, description: 'A time-based rule: the clock it waits on and for how long' })
  @IsOptional() @ValidateNested() @Type(() => RuleScheduleDto)
  schedule?: RuleScheduleDto | null;

  @ApiProperty({ type: 'array', items: { oneOf: RULE_CONDITION_SCHEMAS }, description: 'All must hold (an empty list always holds)' })
  @IsArray() @ArrayMaxSize(RULE_MAX_CONDITIONS) @IsObject({ each: true })
  conditions: object[];

  @ApiProperty({ type: 'array', items: { oneOf: RULE_ACTION_SCHEMAS }, minItems: 1, description: 'Run in order when the rule fires' })
  @IsArray() @ArrayMaxSize(RULE_MAX_ACTIONS) @IsObject({ each: true })
  actions: object[];
}

export class CreateRuleDto extends RuleContentDto {
  @ApiPropertyOptional({ description: 'Lower runs first; default: after the last rule' })
  @IsOptional() @IsInt() @Min(0) @Max(RULE_ORDER_MAX)
  order?: number;

  @ApiPropertyOptional({ default: false, description: 'false: a draft, to backtest before it goes live' })
  @IsOptional() @IsBoolean()
  enabled?: boolean;
}

export class DisableRuleDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why, for the record' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string | null;
}

export class ReorderRuleDto {
  @ApiProperty({ description: 'Lower runs first; equal orders run by id' })
  @IsInt() @Min(0) @Max(RULE_ORDER_MAX)
  order: number;
}

/** The content as the decider takes it; the decider validates and normalises it. */
export const ruleContentOf = (dto: RuleContentDto): RuleContent => ({
  name: dto.name,
  description: dto.description ?? null,
  events: dto.events ?? null,
  schedule: dto.schedule ? { clock: dto.schedule.clock, amount: dto.schedule.amount, unit: dto.schedule.unit } : null,
  conditions: dto.conditions as RuleCondition[],
  actions: dto.actions as RuleAction[],
});
