import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export class SlaTargetsDto {
  @ApiPropertyOptional({ description: 'Business minutes to the first public agent reply' })
  @IsNumber() @Min(1) @Max(525600)
  firstResponse!: number;

  @ApiPropertyOptional({ description: 'Business minutes to resolution' })
  @IsNumber() @Min(1) @Max(525600)
  resolution!: number;

  @ApiPropertyOptional({ description: 'Business minutes to the next reply after a customer’s' })
  @IsOptional() @IsNumber() @Min(1) @Max(525600)
  nextReply?: number;
}

export class SlaClassTargetsDto {
  @ApiPropertyOptional({ type: SlaTargetsDto }) @IsOptional() @ValidateNested() @Type(() => SlaTargetsDto) low?: SlaTargetsDto;
  @ApiPropertyOptional({ type: SlaTargetsDto }) @IsOptional() @ValidateNested() @Type(() => SlaTargetsDto) medium?: SlaTargetsDto;
  @ApiPropertyOptional({ type: SlaTargetsDto }) @IsOptional() @ValidateNested() @Type(() => SlaTargetsDto) high?: SlaTargetsDto;
  @ApiPropertyOptional({ type: SlaTargetsDto }) @IsOptional() @ValidateNested() @Type(() => SlaTargetsDto) emergency?: SlaTargetsDto;
}

/** A new policy version: the classes given replace their targets; calendars stay as they are. */
export class PublishSlaPolicyDto {
  @ApiPropertyOptional({ type: SlaClassTargetsDto })
  @IsOptional() @ValidateNested() @Type(() => SlaClassTargetsDto)
  targets?: SlaClassTargetsDto;

  @ApiPropertyOptional({ minimum: 0.05, maximum: 0.99 })
  @IsOptional() @IsNumber() @Min(0.05) @Max(0.99)
  warningFraction?: number;
}
