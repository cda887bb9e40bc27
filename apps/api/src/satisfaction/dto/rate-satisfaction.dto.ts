import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SATISFACTION_COMMENT_MAX } from '@helpdesk/ticketing';

export class RateSatisfactionDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '1 (very unhappy) to 5 (very happy)' })
  @IsInt() @Min(1) @Max(5)
  score: number;

  @ApiPropertyOptional({ maxLength: SATISFACTION_COMMENT_MAX, description: 'Shown to supervisors and admins only' })
  @IsOptional() @IsString() @MaxLength(SATISFACTION_COMMENT_MAX)
  comment?: string;
}
