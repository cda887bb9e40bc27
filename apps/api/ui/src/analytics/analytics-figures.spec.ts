import { translator } from '../i18n/i18n';
import { AnalyticsData, byValue, overTime, TOP_VALUES } from './analytics-figures';
import { figureFormats } from './figure-formats';
import { DailyFigures, MetricFigures } from './metric-types';

const t = translator('en');
const f = figureFormats('en', t);

const figures = (value: string, ticketsIn: number, median: number | null = null): MetricFigures => ({
  value, ticketsIn, resolved: 0, closed: 0, reopened: 0, resolutionRate: null,
  firstResponseBusinessMinutes: { count: median === null ? 0 : 1, median, p90: median },
  resolutionBusinessMinutes: { count: 0, median: null, p90: null },
  slaBreachRate: null,
  satisfaction: { offered: 0, rated: 0, responseRate: null, csat: null, average: null, scores: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
});
const day = (d: string, value: string, ticketsIn: number, median: number | null = null): DailyFigures => ({ ...figures(value, ticketsIn, median), day: d, week: '' });

const data = (over: Partial<AnalyticsData> = {}): AnalyticsData => ({
  dimension: 'category', granularity: 'day', from: '2026-01-05', to: '2026-01-07', nameOf: (id) => id,
  periods: [day('2026-01-05', 'incident', 3, 20), day('2026-01-07', 'question', 2)],
  summary: { zone: 'Asia/Karachi', dimension: 'category', from: '2026-01-05', to: '2026-01-07', items: [figures('incident', 3, 20), figures('question', 2)] },
  ...over,
});

describe('the analyst screen’s figures', () => {
  it('has a row for every day of the range: a day without tickets counts none, but has no median', () => {
    const counts = overTime(data(), 'ticketsIn', t, f);
    expect(counts.rows.map((r) => r.key)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07']);
    expect(counts.columns.map((c) => [c.label, c.values])).toEqual([['Incident', [3, 0, 0]], ['Question', [0, 0, 2]]]);
    const medians = overTime(data(), 'firstResponseMedian', t, f);
    expect(medians.columns[0].values).toEqual([20, null, null]);
    expect(medians.chart.axis).toBe('First response, median (business minutes)');
  });

  it('draws over time only the values with the most tickets, and lists them all per value', () => {
    const many = Array.from({ length: TOP_VALUES + 2 }, (_, i) => figures(`tag-${i}`, i + 1));
    const shown = data({ dimension: 'tag', summary: { ...data().summary, dimension: 'tag', items: many } });
    expect(overTime(shown, 'ticketsIn', t, f).columns.map((c) => c.key)).toEqual(['tag-7', 'tag-6', 'tag-5', 'tag-4', 'tag-3', 'tag-2']);
    expect(byValue(shown, 'ticketsIn', t, f).rows).toHaveLength(TOP_VALUES + 2);
  });

  it('ranks per value by the metric, values without a figure last, with tickets in beside it', () => {
    const ranked = byValue(data(), 'firstResponseMedian', t, f);
    expect(ranked.rows.map((r) => r.key)).toEqual(['incident', 'question']);
    expect(ranked.columns.map((c) => [c.key, c.values])).toEqual([['metric', [20, null]], ['ticketsIn', [3, 2]]]);
    expect(ranked.chart.columns).toEqual(['metric']);
    expect(ranked.columns[0].format(80)).toBe('1 h 20 min');
  });

  it('groups by ISO week when asked', () => {
    const weekly = overTime(data({ granularity: 'week', from: '2026-01-01', to: '2026-01-12', periods: [] }), 'ticketsIn', t, f);
    expect(weekly.rows.map((r) => [r.key, r.label])).toEqual([['2026-W01', 'Week 2026-W01'], ['2026-W02', 'Week 2026-W02'], ['2026-W03', 'Week 2026-W03']]);
  });
});
