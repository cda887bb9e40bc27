import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CATEGORIES, Category } from '@helpdesk/ticketing';
import { CustomerDto } from '../../tickets/dto/customer.dto';

/** The public web form: a ticket's fields without the channel (always `web`). */
export class PublicTicketDto {
  @ApiProperty({ example: 'Cannot sign in to the portal' })
  @IsString() @MinLength(1) @MaxLength(200)
  subject: string;

  @ApiProperty()
  @IsString() @MinLength(1) @MaxLength(20000)
  description: string;

  @ApiProperty({ type: CustomerDto })
  @IsDefined() @ValidateNested() @Type(() => CustomerDto)
  customer: CustomerDto;

  @ApiPropertyOptional({ enum: CATEGORIES, default: 'general' })
  @IsOptional() @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(2000, { each: true })
  errorMessages?: string[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(10000)
  stepsToReproduce?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(5000)
  impact?: string;
}
