import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { IANAZone } from 'luxon';
import { DEFAULT_TIME_ZONE, Language, LANGUAGES } from '@helpdesk/ticketing';

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value);
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone name such as Asia/Karachi';
  }
}

export class CustomerDto {
  @ApiProperty({ example: 'Ayesha Khan' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ayesha@example.pk' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '+92 300 1234567' })
  @IsOptional() @IsString() @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be digits, spaces, ( ) - and an optional leading +' })
  phone?: string;

  @ApiPropertyOptional({ example: DEFAULT_TIME_ZONE, description: 'IANA time zone; defaults to Asia/Karachi' })
  @IsOptional() @Validate(IsIanaTimeZone)
  timezone?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en' })
  @IsOptional() @IsIn(LANGUAGES)
  language?: Language;
}
