import { Controller, Get, Inject, Query, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import { ReadModels } from '@helpdesk/projection-engine';
import { DailyMetrics, METRICS_DAILY, QUEUE, QueueItem } from '@helpdesk/projections';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Allow } from '../auth/policy';
import { problem } from '../http/problem';
import { ConsistencyInterceptor } from '../queries/consistency.interceptor';
import { ReadsFrom } from '../queries/reads-from.decorator';
import { MetricsQuery } from './dto/analytics-queries';
import { distribution, percentile } from './percentile';
import { addSatisfaction, satisfactionFigures } from './satisfaction-figures';

const ZONE = 'Asia/Karachi';
const MAX_DAYS = 366;

type Totals = Pick<
  DailyMetrics,
  'ticketsIn' | 'resolved' | 'closed' | 'reopened' | 'firstResponses' | 'firstResponseBreaches' | 'resolutionBreaches' | 'firstResponseMinutes' | 'resolutionMinutes' | 'satisfactionOffered' | 'satisfactionRated' | 'satisfactionScores'
>;

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
    return { zone: ZONE, dimension: q.dimension, items: docs.map((d) => ({ day: d.day, week: d.week, value: d.value, ...figures(d) })) };
  }

  @Get('weekly') @Allow('metrics.weekly')
  @ReadsFrom('metrics')
  @ApiOperation({ summary: 'The same figures per ISO week' })
  async weekly(@Query() q: MetricsQuery) {
    const weeks = new Map<string, Totals & { week: string; value: string }>();
    for (const d of await this.days(q)) {
      const key = `${d.week}|${d.value}`;
      const w = weeks.get(key) ?? {
        week: d.week, value: d.value, ticketsIn: 0, resolved: 0, closed: 0, reopened: 0, firstResponses: 0, firstResponseBreaches: 0, resolutionBreaches: 0, firstResponseMinutes: [], resolutionMinutes: [],
        satisfactionOffered: 0, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0],
      };
      for (const f of ['ticketsIn', 'resolved', 'closed', 'reopened', 'firstResponses', 'firstResponseBreaches', 'resolutionBreaches'] as const) w[f] += d[f];
      addSatisfaction(w, d);
      w.firstResponseMinutes.push(...d.firstResponseMinutes);
      w.resolutionMinutes.push(...d.resolutionMinutes);
      weeks.set(key, w);
    }
    return { zone: ZONE, dimension: q.dimension, items: [...weeks.values()].map((w) => ({ week: w.week, value: w.value, ...figures(w) })) };
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
    const to = q.to ?? DateTime.fromJSDate(this.clock.now(), { zone: ZONE }).toISODate()!;
    const from = q.from ?? DateTime.fromISO(to).minus({ days: 29 }).toISODate()!;
    if (from > to) throw problem(400, 'validation-failed', 'Invalid request', 'from must not be after to.');
    if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days >= MAX_DAYS) throw problem(400, 'validation-failed', 'Invalid request', `Ask for at most ${MAX_DAYS} days at a time.`);
    const metrics = await this.readModels.collection<DailyMetrics>('metrics', METRICS_DAILY);
    const filter = { dimension: q.dimension, ...(q.value !== undefined ? { value: q.value } : {}), day: { $gte: from, $lte: to } };
    const docs: DailyMetrics[] = [];
    for await (const d of metrics.stream(filter, { sort: { day: 1, value: 1 } })) docs.push(d);
    return docs;
  }
}

function figures(t: Totals) {
  const answered = t.firstResponses + t.resolved;
  return {
    ticketsIn: t.ticketsIn,
    resolved: t.resolved,
    closed: t.closed,
    reopened: t.reopened,
    resolutionRate: t.ticketsIn ? t.resolved / t.ticketsIn : null,
    firstResponseBusinessMinutes: distribution(t.firstResponseMinutes),
    resolutionBusinessMinutes: distribution(t.resolutionMinutes),
    slaBreachRate: answered ? (t.firstResponseBreaches + t.resolutionBreaches) / answered : null,
    satisfaction: satisfactionFigures({ satisfactionOffered: t.satisfactionOffered ?? 0, satisfactionRated: t.satisfactionRated ?? 0, satisfactionScores: t.satisfactionScores ?? [0, 0, 0, 0, 0] }),
  };
}
