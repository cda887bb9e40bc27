import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@helpdesk/identity';
import { PageQuery } from '../../queries/dto/query-params';

export class RegisterUserDto {
  @ApiProperty({ example: 'ali@helpdesk.example' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ali Raza' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ type: [String], example: ['billing'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  teams?: string[];

  @ApiPropertyOptional({ format: 'password', description: 'Initial password (12-256 characters); without one the account signs in only once an admin sets it' })
  @IsOptional() @IsString() @MaxLength(1024)
  password?: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;
}

export class ChangeTeamsDto {
  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  teams: string[];
}

export class OptionalReasonDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class EmptyDto {}

export class SetPasswordDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsString() @MaxLength(1024)
  password: string;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional() @IsIn(USER_ROLES)
  role?: UserRole;
}
