import { OffsetSegment, offsetSegments } from '@helpdesk/sla';
import { DateTime } from 'luxon';

export interface ReportingDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  /** Local ISO week, YYYY-Www. */
  week: string;
}

const DAY_MS = 86_400_000;
const REMEMBERED = 10_000;

/**
 * The local day and week of instants in `zone`. The zone's offset comes from the SLA library's
 * constant-offset segments (the one in use is kept), so each instant costs an addition, and a
 * local date is worked out (in UTC, without the slow Intl look-ups) once per day met. Time-zone
 * arithmetic per event was a sixth of a metrics rebuild.
 */
export function reportingDays(zone: string): (instant: string) => ReportingDay {
  const known = new Map<number, ReportingDay>();
  let segment: OffsetSegment | undefined;
  return (instant) => {
    const ms = Date.parse(instant);
    if (!segment || ms < segment.start || ms >= segment.end) segment = offsetSegments(zone, ms).next().value as OffsetSegment;
    const localDay = Math.floor((ms + segment.offset) / DAY_MS);
    let found = known.get(localDay);
    if (!found) {
      const local = DateTime.fromMillis(localDay * DAY_MS, { zone: 'utc' });
      found = { day: local.toISODate()!, week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}` };
      if (known.size >= REMEMBERED) known.clear();
      known.set(localDay, found);
    }
    return found;
  };
}
