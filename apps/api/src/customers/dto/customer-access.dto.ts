import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class StartCustomerSignInDto {
  @ApiProperty({ example: 'ayesha@example.pk' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ enum: ['en', 'ur'], description: 'Language of the mail with the link and code' })
  @IsOptional() @IsIn(['en', 'ur', 'other'])
  language?: string;
}

export class VerifyCustomerEmailDto {
  @ApiPropertyOptional({ description: 'The token of the link in the mail (hdv.…)' })
  @IsOptional() @IsString() @MaxLength(300)
  token?: string;

  @ApiPropertyOptional({ description: 'With code: the address the code was sent to' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ description: 'The six-digit code in the mail', example: '042917' })
  @IsOptional() @IsString() @Matches(/^\s*\d{6}\s*$/, { message: 'code must be the six digits from the email' })
  code?: string;
}

export class SetFirstPasswordDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsString() @MinLength(1) @MaxLength(1024)
  password: string;
}
