/** The satisfaction figures of a day or week, from the counts `metrics_daily` keeps. */
export interface SatisfactionCounts {
  satisfactionOffered: number;
  satisfactionRated: number;
  satisfactionScores: number[];
}

/**
 * CSAT as support teams define it: the share of ratings that are 4 or 5. The average is of the
 * 1-5 scores; the response rate is rated offers over offers (an offer voided by a reopen before
 * any rating is not one). Null where there is nothing to divide by.
 */
export function satisfactionFigures(c: SatisfactionCounts) {
  const scores = c.satisfactionScores;
  const rated = c.satisfactionRated;
  const sum = scores.reduce((total, n, i) => total + n * (i + 1), 0);
  return {
    offered: c.satisfactionOffered,
    rated,
    responseRate: c.satisfactionOffered ? rated / c.satisfactionOffered : null,
    csat: rated ? (scores[3] + scores[4]) / rated : null,
    average: rated ? sum / rated : null,
    scores: Object.fromEntries(scores.map((n, i) => [String(i + 1), n])) as Record<'1' | '2' | '3' | '4' | '5', number>,
  };
}

export const addSatisfaction = (into: SatisfactionCounts, from: Partial<SatisfactionCounts>) => {
  into.satisfactionOffered += from.satisfactionOffered ?? 0;
  into.satisfactionRated += from.satisfactionRated ?? 0;
  into.satisfactionScores = into.satisfactionScores.map((n, i) => n + (from.satisfactionScores?.[i] ?? 0));
};
