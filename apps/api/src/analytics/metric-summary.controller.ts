import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { MetricsQuery } from './dto/analytics-queries';
import { metricDays, METRICS_ZONE } from './metric-days';
import { addDay, emptyTotals, figures, Totals } from './metric-figures';

/**
 * The figures of a whole range, one row per value of the dimension: per agent, the first-response
 * time over the last week (a median of all its samples, not a median of daily medians), per
 * category, the CSAT of the month. Read from `metrics_daily` by its dimension/day index.
 */
@ApiTags('analytics')
@UseInterceptors(ConsistencyInterceptor)
@Controller('metrics')
export class MetricSummaryController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('summary') @Allow('metrics.summary')
  @ReadsFrom('metrics')
  @ApiOperation({ summary: 'The figures of /metrics/daily over the whole range, one item per value of the dimension (e.g. per agent: first-response median and p90 over all their first responses)' })
  async summary(@Query() q: MetricsQuery) {
    const { from, to, days } = await metricDays(this.readModels, this.clock.now(), q);
    const values = new Map<string, Totals>();
    for (const d of days) {
      const totals = values.get(d.value) ?? emptyTotals();
      addDay(totals, d);
      values.set(d.value, totals);
    }
    const items = [...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, totals]) => ({ value, ...figures(totals) }));
    return { zone: METRICS_ZONE, dimension: q.dimension, from, to, items };
  }
}
