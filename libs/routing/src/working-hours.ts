import { DateTime, IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock range, `HH:mm`, start inclusive, end exclusive; `24:00` ends at midnight. */
export type TimeRange = readonly [start: string, end: string];

/**
 * Working ranges per weekday, read on the agent's own wall clock; a day without ranges is a day
 * off. A night shift is written as two ranges, e.g. mon 22:00–24:00 and tue 00:00–06:00.
 */
export type WeeklyHours = Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>;

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && zone.trim() !== '' && IANAZone.isValidZone(zone);
}

/** Minutes since midnight, or null when `text` is not `HH:mm` (00:00–24:00). */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

/** Every problem with a week of working hours, as sentences; empty when it is valid. */
export function workingHoursErrors(hours: WeeklyHours): string[] {
  if (!hours || typeof hours !== 'object') return ['working hours must list ranges per weekday'];
  const errors: string[] = [];
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) errors.push(`"${key}" is not a weekday (use ${WEEKDAYS.join(', ')})`);
  }
  let total = 0;
  for (const day of WEEKDAYS) {
    const parsed: Array<[number, number, string]> = [];
    for (const range of hours[day] ?? []) {
      const [start, end] = [parseTimeOfDay(range?.[0]), parseTimeOfDay(range?.[1])];
      const label = `${range?.[0]}–${range?.[1]}`;
      if (start === null || end === null) errors.push(`${day}: ${label} is not a pair of HH:mm times`);
      else if (start >= end) errors.push(`${day}: ${label} must end after it starts (split a night shift across two days)`);
      else parsed.push([start, end, label]);
    }
    parsed.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < parsed.length; i++) {
      if (parsed[i][0] < parsed[i - 1][1]) errors.push(`${day}: ${parsed[i - 1][2]} overlaps ${parsed[i][2]}`);
    }
    total += parsed.length;
  }
  if (errors.length === 0 && total === 0) errors.push('working hours must include at least one range');
  return errors;
}

export interface LocalTime {
  weekday: Weekday;
  /** Since local midnight, with seconds as a fraction. */
  minutes: number;
  /** e.g. `mon 09:30` */
  label: string;
}

/** The local weekday and time at `now` on the wall clock of `zone`. */
export function localTime(zone: string, now: Date): LocalTime {
  const local = DateTime.fromJSDate(now, { zone });
  const weekday = WEEKDAYS[local.weekday - 1];
  return { weekday, minutes: local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000, label: `${weekday} ${local.toFormat('HH:mm')}` };
}

/** `localTime` at one instant, computed once per zone: a roster shares a handful of zones. */
export function wallClocks(now: Date): (zone: string) => LocalTime {
  const byZone = new Map<string, LocalTime>();
  return (zone) => {
    let local = byZone.get(zone);
    if (!local) byZone.set(zone, (local = localTime(zone, now)));
    return local;
  };
}

export function isWithinHours(hours: WeeklyHours, { weekday, minutes }: LocalTime): boolean {
  return (hours[weekday] ?? []).some(([s, e]) => minutes >= parseTimeOfDay(s)! && minutes < parseTimeOfDay(e)!);
}

/** Whether `now`, read on the wall clock of `zone`, falls inside one of the day's ranges. */
export function isWithinWorkingHours(hours: WeeklyHours, zone: string, now: Date): boolean {
  return isWithinHours(hours, localTime(zone, now));
}
