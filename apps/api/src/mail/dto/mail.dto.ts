import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAIL_OUTCOMES, MailOutcome } from '@helpdesk/mail';
import { PageQuery } from '../../queries/dto/query-params';

export class ListMailQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAIL_OUTCOMES, description: 'e.g. held: the messages waiting for staff' })
  @IsOptional() @IsIn(MAIL_OUTCOMES)
  outcome?: MailOutcome;
}

export class RethreadMailDto {
  @ApiProperty({ description: 'The ticket the message belongs on: its id or number (HD-000123)' })
  @IsString() @IsNotEmpty() @MaxLength(80)
  ticketId!: string;

  @ApiPropertyOptional({ description: 'Why, for the record' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}
