import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { KNOWLEDGE } from '@helpdesk/projections';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { KbMetricsQuery } from './dto/knowledge.dto';
import { knowledgeMetrics } from './knowledge-metrics';
import { KnowledgeReadModels } from './knowledge-read-models';

@ApiTags('analytics')
@UseInterceptors(ConsistencyInterceptor)
@Controller('metrics')
export class KnowledgeMetricsController {
  constructor(private readonly kb: KnowledgeReadModels) {}

  @Get('knowledge') @Allow('metrics.knowledge')
  @ReadsFrom(KNOWLEDGE)
  @ApiOperation({ summary: 'Knowledge base: deflection rate, helpfulness, top searches with no result, most viewed and most linked articles' })
  metrics(@Query() q: KbMetricsQuery) {
    return knowledgeMetrics(this.kb, q.top);
  }
}
