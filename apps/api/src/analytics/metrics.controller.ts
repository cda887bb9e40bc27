import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels } from '@helpdesk/projection-engine';
import { DailyMetrics, QUEUE, QueueItem } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { MetricsQuery } from './dto/analytics-queries';
import { metricDays, METRICS_ZONE } from './metric-days';
import { addDay, emptyTotals, figures, Totals } from './metric-figures';
import { percentile } from './percentile';

/** Figures for analysts, from `metrics_daily`: per day or ISO week, per team, agent, category, priority, channel. */
@ApiTags('analytics')
@UseInterceptors(ConsistencyInterceptor)
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('daily') @Allow('metrics.daily')
  @ReadsFrom('metrics')
  @ApiOperation({
    summary:
      'Per local day: tickets in, resolved, closed, reopened; first-response and resolution time (median, p90, business minutes); resolution and SLA breach rates; satisfaction (CSAT: share of 4-5, average, response rate, scores) of the offers made that day',
  })
  async daily(@Query() q: MetricsQuery) {
    const docs = await this.days(q);
    return { zone: METRICS_ZONE, dimension: q.dimension, items: docs.map((d) => ({ day: d.day, week: d.week, value: d.value, ...figures(d) })) };
  }

  @Get('weekly') @Allow('metrics.weekly')
  @ReadsFrom('metrics')
  @ApiOperation({ summary: 'The same figures per ISO week' })
  async weekly(@Query() q: MetricsQuery) {
    const weeks = new Map<string, Totals & { week: string; value: string }>();
    for (const d of await this.days(q)) {
      const key = `${d.week}|${d.value}`;
      const w = weeks.get(key) ?? { week: d.week, value: d.value, ...emptyTotals() };
      addDay(w, d);
      weeks.set(key, w);
    }
    return { zone: METRICS_ZONE, dimension: q.dimension, items: [...weeks.values()].map((w) => ({ week: w.week, value: w.value, ...figures(w) })) };
  }

  @Get('backlog') @Allow('metrics.backlog')
  @ReadsFrom(QUEUE)
  @ApiOperation({ summary: 'Open tickets now: how many, and their age (median, p90, oldest) in hours' })
  async backlog() {
    const queue = await this.readModels.collection<QueueItem>(QUEUE);
    const now = this.clock.now().getTime();
    const ages: number[] = [];
    for await (const item of queue.stream({ open: true }, { sort: { rank: 1, dueAt: 1 } })) ages.push((now - new Date(item.submittedAt).getTime()) / 3_600_000);
    const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
    return { open: ages.length, ageHours: { median: round(percentile(ages, 50)), p90: round(percentile(ages, 90)), oldest: round(ages.length ? Math.max(...ages) : null) } };
  }

  private async days(q: MetricsQuery): Promise<DailyMetrics[]> {
    return (await metricDays(this.readModels, this.clock.now(), q)).days;
  }
}
