import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { QUEUE, QueueItem } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ConsistentQuery } from '../queries/dto/query-params';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { BACKLOG_AGE_BUCKETS, submittedRange } from './backlog-ages';

/**
 * The open backlog by age: one count per bucket over the open tickets of `queue` (its indexes all
 * lead with `open`, so closed history is never read), not a document brought into the app.
 */
@ApiTags('analytics')
@UseInterceptors(ConsistencyInterceptor)
@Controller('metrics')
export class BacklogAgesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('backlog/ages') @Allow('metrics.backlogAges')
  @ReadsFrom(QUEUE)
  @ApiOperation({ summary: 'Open tickets now by age since submission (wall-clock hours): under 1 h, 1-4 h, 4-24 h, 1-3 days, 3-7 days, over 7 days' })
  async ages(@Query() _q: ConsistentQuery) {
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const now = this.clock.now();
    const buckets = [];
    for (const bucket of BACKLOG_AGE_BUCKETS) buckets.push({ ...bucket, count: await queue.count({ open: true, submittedAt: submittedRange(bucket, now) }) });
    return { at: now.toISOString(), open: buckets.reduce((n, b) => n + b.count, 0), buckets };
  }
}
