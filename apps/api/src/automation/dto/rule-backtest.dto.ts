import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { RuleContentDto } from './rule.dto';

export const BACKTEST_DAYS_MAX = 90;

export class BacktestRuleDto {
  @ApiPropertyOptional({ default: 7, description: 'How many days back from now to replay' })
  @IsOptional() @IsInt() @Min(1) @Max(BACKTEST_DAYS_MAX)
  days?: number;
}

export class BacktestDraftDto extends BacktestRuleDto {
  @ApiProperty({ type: RuleContentDto, description: 'The draft, as POST /automation/rules takes its content' })
  @IsObject() @ValidateNested() @Type(() => RuleContentDto)
  rule: RuleContentDto;
}
