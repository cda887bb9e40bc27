import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ConsistentQuery } from '../../queries/dto/query-params';

export class TicketSearchQuery extends ConsistentQuery {
  @ApiProperty({ description: 'The words to find (every one must match, as the beginning of a word): a number, subject, description, customer name or email, a comment', example: 'visa password', minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200) @Matches(/\S/, { message: 'q must have at least one word' })
  q: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit = 20;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  cursor?: string;
}

export class CustomerContextQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'How many of the customer’s other tickets to list, newest first', default: 10, minimum: 1, maximum: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit = 10;
}
