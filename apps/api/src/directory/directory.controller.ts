import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { AGENTS, USERS } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { ConsistentQuery } from '../queries/dto/query-params';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { staffDirectory } from './directory';

@ApiTags('queries')
@ApiHeader({ name: 'X-Consistent-With', required: false, description: 'Same as ?consistentWith' })
@UseInterceptors(ConsistencyInterceptor)
@Controller('directory')
export class DirectoryController {
  constructor(private readonly readModels: ReadModels) {}

  @Get() @Allow('directory')
  @ReadsFrom(USERS, AGENTS)
  @ApiOperation({ summary: 'Staff names by id (accounts and roster agents), so screens show who acted by name; the UI reads it once per session' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { people: { type: 'object', additionalProperties: { type: 'object', properties: { name: { type: 'string' }, role: { type: 'string' } } } } },
      example: { people: { 'agent-ali': { name: 'Ali Hassan', role: 'agent' } } },
    },
  })
  async directory(@Query() _q: ConsistentQuery) {
    return { people: await staffDirectory(this.readModels) };
  }
}
