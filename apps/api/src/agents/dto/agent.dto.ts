import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AGENT_ROLES, AgentRole, AVAILABILITIES, Availability, WeeklyHours } from '@helpdesk/routing';
import { CATEGORIES, Category, LANGUAGES, Language } from '@helpdesk/ticketing';

const AGENT_ID = /^[\p{L}\p{N}._@:+-]{1,200}$/u;

export class SkillsDto {
  @ApiProperty({ enum: CATEGORIES, isArray: true })
  @IsArray() @ArrayMaxSize(CATEGORIES.length) @IsIn(CATEGORIES, { each: true })
  skills!: Category[];
}

export class LanguagesDto {
  @ApiProperty({ enum: LANGUAGES, isArray: true })
  @IsArray() @ArrayMaxSize(LANGUAGES.length) @IsIn(LANGUAGES, { each: true })
  languages!: Language[];
}

export class CapDto {
  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt() @Min(1) @Max(1000)
  maxOpenTickets!: number;
}

export class WorkingHoursDto {
  @ApiProperty({ description: 'Ranges per weekday on the agent’s wall clock, e.g. {"mon": [["09:00","13:00"],["14:00","18:00"]]}' })
  @IsObject()
  workingHours!: WeeklyHours;

  @ApiPropertyOptional({ description: 'IANA time zone, e.g. Asia/Karachi' })
  @IsOptional() @IsString() @MaxLength(64)
  timeZone?: string;
}

export class AvailabilityDto {
  @ApiProperty({ enum: AVAILABILITIES })
  @IsIn(AVAILABILITIES)
  availability!: Availability;
}

export class AgentReasonDto {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

export class RegisterAgentDto {
  @ApiProperty({ description: 'The id the agent signs in with' })
  @Matches(AGENT_ID, { message: 'agentId must be 1-200 letters, digits or . _ @ : + -' })
  agentId!: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty() @IsString() @MaxLength(254) @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({ enum: AGENT_ROLES })
  @IsOptional() @IsIn(AGENT_ROLES)
  role?: AgentRole;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true })
  teams?: string[];

  @ApiProperty({ enum: CATEGORIES, isArray: true })
  @IsArray() @ArrayMaxSize(CATEGORIES.length) @IsIn(CATEGORIES, { each: true })
  skills!: Category[];

  @ApiProperty({ enum: LANGUAGES, isArray: true })
  @IsArray() @ArrayMaxSize(LANGUAGES.length) @IsIn(LANGUAGES, { each: true })
  languages!: Language[];

  @ApiProperty() @IsString() @MaxLength(64)
  timeZone!: string;

  @ApiProperty() @IsObject()
  workingHours!: WeeklyHours;

  @ApiProperty({ minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000)
  maxOpenTickets!: number;
}
