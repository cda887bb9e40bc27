import { DateTime } from 'luxon';
import { ReadModels } from '@helpdesk/projection-engine';
import { DailyMetrics, METRICS_DAILY } from '@helpdesk/projections';
import { problem } from '../http/problem';
import { MetricsQuery } from './dto/analytics-queries';

/** The reporting zone of `metrics_daily`'s days. */
export const METRICS_ZONE = 'Asia/Karachi';
const MAX_DAYS = 366;

/**
 * The range a metrics query asks for and its days of `metrics_daily` (the last 30 local days by default, at
 * most a year), by the `dimension_value_day` / `dimension_day` indexes, in day order.
 */
export async function metricDays(readModels: ReadModels, now: Date, q: MetricsQuery): Promise<{ from: string; to: string; days: DailyMetrics[] }> {
  const to = q.to ?? DateTime.fromJSDate(now, { zone: METRICS_ZONE }).toISODate()!;
  const from = q.from ?? DateTime.fromISO(to).minus({ days: 29 }).toISODate()!;
  if (from > to) throw problem(400, 'validation-failed', 'Invalid request', 'from must not be after to.');
  if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days >= MAX_DAYS) throw problem(400, 'validation-failed', 'Invalid request', `Ask for at most ${MAX_DAYS} days at a time.`);
  const metrics = await readModels.collection<DailyMetrics>('metrics', METRICS_DAILY);
  const filter = { dimension: q.dimension, ...(q.value !== undefined ? { value: q.value } : {}), day: { $gte: from, $lte: to } };
  const days: DailyMetrics[] = [];
  for await (const d of metrics.stream(filter, { sort: { day: 1, value: 1 } })) days.push(d);
  return { from, to, days };
}
