import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { AgentWorkload, WORKLOAD } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from './consistency.interceptor';
import { PageQuery } from './dto/query-params';
import { present } from './present';
import { ReadsFrom } from './reads-from.decorator';

@ApiTags('queries')
@UseInterceptors(ConsistencyInterceptor)
@Controller('workload')
export class WorkloadController {
  constructor(private readonly readModels: ReadModels) {}

  @Get() @Allow('workload')
  @ReadsFrom(WORKLOAD)
  @ApiOperation({ summary: 'Open tickets per agent, in total and per status, busiest first' })
  async workload(@Query() q: PageQuery) {
    const workload = await this.readModels.collection<AgentWorkload>(WORKLOAD);
    const page = await workload.findPage({}, { sort: { open: -1 }, limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(present), nextCursor: page.nextCursor ?? null };
  }
}
