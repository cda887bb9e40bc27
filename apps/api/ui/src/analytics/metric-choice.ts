import { FigureFormats } from './figure-formats';
import { MetricFigures } from './metric-types';

/** The figures an analyst can chart, each read from the API's figures of a period or range. */
export const METRICS = [
  'ticketsIn',
  'resolved',
  'closed',
  'reopened',
  'resolutionRate',
  'firstResponseMedian',
  'firstResponseP90',
  'resolutionMedian',
  'resolutionP90',
  'slaBreachRate',
  'csat',
  'satisfactionAverage',
] as const;
export type Metric = (typeof METRICS)[number];

type Kind = 'count' | 'ratio' | 'minutes' | 'score';

const READ: Record<Metric, [Kind, (f: MetricFigures) => number | null]> = {
  ticketsIn: ['count', (f) => f.ticketsIn],
  resolved: ['count', (f) => f.resolved],
  closed: ['count', (f) => f.closed],
  reopened: ['count', (f) => f.reopened],
  resolutionRate: ['ratio', (f) => f.resolutionRate],
  firstResponseMedian: ['minutes', (f) => f.firstResponseBusinessMinutes.median],
  firstResponseP90: ['minutes', (f) => f.firstResponseBusinessMinutes.p90],
  resolutionMedian: ['minutes', (f) => f.resolutionBusinessMinutes.median],
  resolutionP90: ['minutes', (f) => f.resolutionBusinessMinutes.p90],
  slaBreachRate: ['ratio', (f) => f.slaBreachRate],
  csat: ['ratio', (f) => f.satisfaction.csat],
  satisfactionAverage: ['score', (f) => f.satisfaction.average],
};

/** The metric's value in a period's or range's figures; null when there is nothing to measure. */
export const metricValue = (metric: Metric, figures: MetricFigures | undefined): number | null => (figures ? READ[metric][1](figures) : null);

/**
 * What a period without a document is worth: no tickets is zero tickets, but a median or a rate
 * of nothing is no figure at all.
 */
export const metricWhenAbsent = (metric: Metric): number | null => (READ[metric][0] === 'count' ? 0 : null);

/** How the metric's values read in a table, and on the chart's value axis. */
export function metricFormat(metric: Metric, f: FigureFormats): { cell(n: number): string; tick(n: number): string; integers: boolean } {
  switch (READ[metric][0]) {
    case 'count':
      return { cell: f.count, tick: f.count, integers: true };
    case 'ratio':
      return { cell: f.percent, tick: f.percent, integers: false };
    case 'minutes':
      return { cell: f.minutes, tick: f.count, integers: true };
    case 'score':
      return { cell: f.decimal, tick: f.decimal, integers: false };
  }
}

/** Minutes are charted as business minutes; the axis says so. */
export const metricAxisKind = (metric: Metric) => READ[metric][0];
