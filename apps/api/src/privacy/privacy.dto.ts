import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class EraseSubjectDto {
  @ApiProperty({ description: 'Why (the request this answers). Kept on the erasure record in clear: write no personal data here.', maxLength: 500 })
  @IsString() @MinLength(1) @MaxLength(500)
  reason!: string;
}
