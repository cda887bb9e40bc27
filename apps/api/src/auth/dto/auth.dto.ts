import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '../../http/optional-not-null';

export class LoginDto {
  @ApiProperty({ example: 'ayesha@example.pk' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString() @MinLength(1) @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from sign-in or the last refresh (each is good once)' })
  @IsString() @MinLength(1) @MaxLength(1000)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString() @MinLength(1) @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsString() @MaxLength(1024)
  newPassword: string;
}

export class IssueApiTokenDto {
  @ApiProperty({ example: 'CRM sync' })
  @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'Days until it stops working; omit for no expiry (null is refused)', minimum: 1, maximum: 3650 })
  @IsOmittable() @IsInt() @Min(1) @Max(3650)
  expiresInDays?: number;
}
