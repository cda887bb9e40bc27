import { Translate } from '../i18n/i18n';
import { daysBetween, weeksBetween } from './date-range';
import { dimensionValueLabel } from './dimension-values';
import { Figure } from './figure';
import { FigureFormats } from './figure-formats';
import { Metric, metricAxisKind, metricFormat, metricValue, metricWhenAbsent } from './metric-choice';
import { DailyFigures, Dimension, MetricFigures, MetricSummary, WeeklyFigures } from './metric-types';

/** The over-time chart draws this many values of a dimension, those with the most tickets. */
export const TOP_VALUES = 6;

export type Granularity = 'day' | 'week';

/** What the analyst screen read for one choice of dimension, range and granularity. */
export interface AnalyticsData {
  dimension: Dimension;
  granularity: Granularity;
  from: string;
  to: string;
  periods: Array<DailyFigures | WeeklyFigures>;
  summary: MetricSummary;
  /** A person's name by id (agents), from the session's directory. */
  nameOf(id: string): string;
}

const periodOf = (p: DailyFigures | WeeklyFigures) => ('day' in p ? p.day : p.week);
const byTickets = (a: MetricFigures, b: MetricFigures) => b.ticketsIn - a.ticketsIn || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

function axisTitle(t: Translate, metric: Metric): string {
  const label = t('dashboard.analytics.metric', { metric });
  return metricAxisKind(metric) === 'minutes' ? t('dashboard.analytics.inBusinessMinutes', { metric: label }) : label;
}

/** The metric per day or week, one series per value of the dimension (the busiest few). */
export function overTime(data: AnalyticsData, metric: Metric, t: Translate, f: FigureFormats): Figure {
  const keys = data.granularity === 'day' ? daysBetween(data.from, data.to) : weeksBetween(data.from, data.to);
  const found = new Map(data.periods.map((p) => [`${periodOf(p)}|${p.value}`, p]));
  const values = [...data.summary.items].sort(byTickets).slice(0, TOP_VALUES).map((i) => i.value);
  const format = metricFormat(metric, f);
  return {
    id: 'over-time',
    title: t('dashboard.analytics.overTime', { granularity: data.granularity }),
    caption: t('dashboard.analytics.overTimeCaption', {
      metric: t('dashboard.analytics.metric', { metric }),
      granularity: data.granularity,
      dimension: data.dimension,
      from: f.day(data.from),
      to: f.day(data.to),
    }),
    rowHeader: t('dashboard.analytics.period', { granularity: data.granularity }),
    rows: keys.map((k) => ({ key: k, label: data.granularity === 'day' ? f.day(k) : t('dashboard.analytics.week', { week: k }) })),
    columns: values.map((value) => ({
      key: value,
      label: dimensionValueLabel(t, data.dimension, value, data.nameOf),
      values: keys.map((k) => {
        const figures = found.get(`${k}|${value}`);
        return figures ? metricValue(metric, figures) : metricWhenAbsent(metric);
      }),
      format: format.cell,
    })),
    chart: { kind: 'line', axis: axisTitle(t, metric), tick: format.tick, integers: format.integers },
    empty: data.summary.items.length ? undefined : t('dashboard.analytics.empty'),
  };
}

/** The metric over the whole range, one row per value of the dimension, the highest first. */
export function byValue(data: AnalyticsData, metric: Metric, t: Translate, f: FigureFormats): Figure {
  const rank = (i: MetricFigures) => metricValue(metric, i) ?? -Infinity;
  const items = [...data.summary.items].sort((a, b) => rank(b) - rank(a) || byTickets(a, b));
  const format = metricFormat(metric, f);
  const metricColumn = { key: 'metric', label: t('dashboard.analytics.metric', { metric }), values: items.map((i) => metricValue(metric, i)), format: format.cell };
  const tickets = { key: 'ticketsIn', label: t('dashboard.analytics.metric', { metric: 'ticketsIn' }), values: items.map((i) => i.ticketsIn), format: f.count };
  return {
    id: 'by-value',
    title: t('dashboard.analytics.byValue', { dimension: data.dimension }),
    caption: t('dashboard.analytics.byValueCaption', {
      metric: t('dashboard.analytics.metric', { metric }),
      dimension: data.dimension,
      from: f.day(data.summary.from),
      to: f.day(data.summary.to),
    }),
    rowHeader: t('dashboard.analytics.dimension', { dimension: data.dimension }),
    rows: items.map((i) => ({ key: i.value, label: dimensionValueLabel(t, data.dimension, i.value, data.nameOf) })),
    columns: metric === 'ticketsIn' ? [metricColumn] : [metricColumn, tickets],
    chart: { kind: 'bar', horizontal: true, columns: ['metric'], axis: axisTitle(t, metric), tick: format.tick, integers: format.integers },
    empty: data.summary.items.length ? undefined : t('dashboard.analytics.empty'),
  };
}
