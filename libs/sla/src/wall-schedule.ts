import { BusinessCalendar, CalendarError, holidayDates, parseLocalDate, parseTimeOfDay, validateCalendar, WEEKDAYS } from './business-calendar';

export const DAY_MS = 86_400_000;

/**
 * A calendar on the "wall-time" line: local date and time written as if it were UTC, in ms.
 * There is no DST on that line, so day and week arithmetic is plain; zone-offsets.ts maps
 * real instants onto it.
 */
export interface WallSchedule {
  readonly zone: string;
  /** Per ISO weekday index (0 = Monday): sorted, merged [start, end) ms since local midnight. */
  readonly ranges: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  readonly dayMs: readonly number[];
  readonly weekMs: number;
  /** Sorted, merged, inclusive [first, last] day numbers (days since 1970-01-01). */
  readonly holidays: ReadonlyArray<readonly [number, number]>;
  readonly alwaysOpen: boolean;
}

const compiled = new WeakMap<BusinessCalendar, WallSchedule>();

export function wallSchedule(calendar: BusinessCalendar): WallSchedule {
  let schedule = compiled.get(calendar);
  if (!schedule) {
    const errors = validateCalendar(calendar);
    if (errors.length > 0) throw new CalendarError(calendar.id, errors);
    schedule = compile(calendar);
    compiled.set(calendar, schedule);
  }
  return schedule;
}

function compile(calendar: BusinessCalendar): WallSchedule {
  const ranges = WEEKDAYS.map((day) =>
    merge((calendar.weeklyHours[day] ?? []).map(([s, e]) => [parseTimeOfDay(s)! * 60_000, parseTimeOfDay(e)! * 60_000] as [number, number])),
  );
  const dayMs = ranges.map((day) => day.reduce((sum, [s, e]) => sum + e - s, 0));
  const holidays = merge(
    calendar.holidays.map((h) => {
      const { from, to } = holidayDates(h);
      return [parseLocalDate(from)!, parseLocalDate(to)! + 1] as [number, number];
    }),
  ).map(([first, end]) => [first, end - 1] as const);
  const alwaysOpen = holidays.length === 0 && dayMs.every((ms) => ms === DAY_MS);
  return { zone: calendar.zone, ranges, dayMs, weekMs: dayMs.reduce((a, b) => a + b, 0), holidays, alwaysOpen };
}

/** Sorts half-open intervals and merges those that touch or overlap. */
function merge(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** ISO weekday index, 0 = Monday; 1970-01-01 (day 0) was a Thursday. */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

export function isHoliday(schedule: WallSchedule, day: number): boolean {
  return schedule.holidays.some(([first, last]) => day >= first && day <= last);
}

/** First holiday day at or after `day`, or Infinity. */
export function nextHoliday(schedule: WallSchedule, day: number): number {
  for (const [first, last] of schedule.holidays) if (last >= day) return Math.max(first, day);
  return Infinity;
}

export function openMsOfDay(schedule: WallSchedule, day: number): number {
  return isHoliday(schedule, day) ? 0 : schedule.dayMs[weekdayOf(day)];
}

/** Open ms in whole days [from, to), ignoring holidays; O(1). */
function plainDaysMs(schedule: WallSchedule, from: number, to: number): number {
  if (to <= from) return 0;
  const weeks = Math.floor((to - from) / 7);
  let total = weeks * schedule.weekMs;
  for (let day = from + weeks * 7; day < to; day++) total += schedule.dayMs[weekdayOf(day)];
  return total;
}

/** Open ms in whole days [from, to); O(number of holidays). */
export function daysMs(schedule: WallSchedule, from: number, to: number): number {
  let total = plainDaysMs(schedule, from, to);
  for (const [first, last] of schedule.holidays) total -= plainDaysMs(schedule, Math.max(first, from), Math.min(last + 1, to));
  return total;
}
