import { DateTime } from 'luxon';

export interface ReportingDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** Local ISO week, YYYY-Www. */
  week: string;
}

const QUARTER_HOUR_MS = 15 * 60_000;
const REMEMBERED = 10_000;

/**
 * The local day and week of instants in `zone`, remembered per quarter hour of UTC: every zone's
 * offset is a whole number of quarter hours, so a local midnight (and a change of offset) never
 * falls inside one. Time-zone arithmetic was a sixth of a metrics rebuild.
 */
export function reportingDays(zone: string): (instant: string) => ReportingDay {
  const known = new Map<number, ReportingDay>();
  return (instant) => {
    const quarter = Math.floor(Date.parse(instant) / QUARTER_HOUR_MS);
    let found = known.get(quarter);
    if (!found) {
      const local = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone });
      found = { day: local.toISODate()!, week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}` };
      if (known.size >= REMEMBERED) known.clear();
      known.set(quarter, found);
    }
    return found;
  };
}
