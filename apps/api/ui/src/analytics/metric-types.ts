/** The shapes of the metrics endpoints the dashboard and the analyst screen read (see /api/docs). */

export type Dimension = 'all' | 'team' | 'agent' | 'category' | 'priority' | 'channel' | 'tag';
export const DIMENSIONS: readonly Dimension[] = ['all', 'team', 'agent', 'category', 'priority', 'channel', 'tag'];

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface Satisfaction {
  offered: number;
  rated: number;
  responseRate: number | null;
  csat: number | null;
  average: number | null;
  scores: Record<'1' | '2' | '3' | '4' | '5', number>;
}

/** The figures of a day, a week or a range, for one value of a dimension. */
export interface MetricFigures {
  value: string;
  ticketsIn: number;
  resolved: number;
  closed: number;
  reopened: number;
  resolutionRate: number | null;
  firstResponseBusinessMinutes: Distribution;
  resolutionBusinessMinutes: Distribution;
  slaBreachRate: number | null;
  satisfaction: Satisfaction;
}

export interface DailyFigures extends MetricFigures {
  day: string;
  week: string;
}

export interface WeeklyFigures extends MetricFigures {
  week: string;
}

export interface MetricSeries<T> {
  zone: string;
  dimension: Dimension;
  items: T[];
}

export interface MetricSummary extends MetricSeries<MetricFigures> {
  from: string;
  to: string;
}

export interface BacklogAges {
  at: string;
  open: number;
  buckets: Array<{ bucket: string; fromHours: number; toHours: number | null; count: number }>;
}

export interface AgentLoad {
  agentId: string;
  open: number;
  byStatus: Record<string, number>;
}

export interface SlaRow {
  ticketId: string;
  number: string;
  target: 'first_response' | 'resolution';
  dueAt: string;
}

export interface ExportPage {
  collection: string;
  items: unknown[];
  nextSince: string | null;
  more: boolean;
}
