import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ConsistentQuery, PageQuery } from '../../queries/dto/query-params';

export class RuleListQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'Only enabled (true) or only disabled (false) rules' })
  @IsOptional() @Type(() => String) @IsIn(['true', 'false'])
  enabled?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'trigger: set off by ticket events; time: by a clock' })
  @IsOptional() @IsIn(['trigger', 'time'])
  kind?: 'trigger' | 'time';
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class RuleFiringsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'One rule’s firings' })
  @IsOptional() @IsString() @Matches(UUID, { message: 'ruleId must be a rule id (a UUID)' })
  ruleId?: string;

  @ApiPropertyOptional({ description: 'One ticket’s firings (its id)' })
  @IsOptional() @IsString() @MaxLength(80)
  ticketId?: string;

  @ApiPropertyOptional({ description: 'applied, or loop_stopped: the chain of firings reached its bound' })
  @IsOptional() @IsIn(['applied', 'loop_stopped'])
  outcome?: 'applied' | 'loop_stopped';
}
