import { DailyMetrics } from '@helpdesk/projections';
import { distribution } from './percentile';
import { addSatisfaction, satisfactionFigures } from './satisfaction-figures';

/** What days of `metrics_daily` add up to: counts sum, duration samples join. */
export type Totals = Pick<
  DailyMetrics,
  'ticketsIn' | 'resolved' | 'closed' | 'reopened' | 'firstResponses' | 'firstResponseBreaches' | 'resolutionBreaches' | 'firstResponseMinutes' | 'resolutionMinutes' | 'satisfactionOffered' | 'satisfactionRated' | 'satisfactionScores'
>;

const COUNTS = ['ticketsIn', 'resolved', 'closed', 'reopened', 'firstResponses', 'firstResponseBreaches', 'resolutionBreaches'] as const;

export const emptyTotals = (): Totals => ({
  ticketsIn: 0, resolved: 0, closed: 0, reopened: 0, firstResponses: 0, firstResponseBreaches: 0, resolutionBreaches: 0, firstResponseMinutes: [], resolutionMinutes: [],
  satisfactionOffered: 0, satisfactionRated: 0, satisfactionScores: [0, 0, 0, 0, 0],
});

/** Adds one day's figures into `into` (a week, a range). */
export function addDay(into: Totals, day: Totals): void {
  for (const f of COUNTS) into[f] += day[f];
  addSatisfaction(into, day);
  into.firstResponseMinutes.push(...day.firstResponseMinutes);
  into.resolutionMinutes.push(...day.resolutionMinutes);
}

/** The figures the metrics endpoints answer, computed from totals (medians and p90s from the samples). */
export function figures(t: Totals) {
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
