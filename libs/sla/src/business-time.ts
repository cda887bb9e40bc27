import { BusinessCalendar } from './business-calendar';
import { wallSchedule } from './wall-schedule';
import { wallAdvance, wallIsOpen, wallOpenMs } from './wall-time';
import { offsetSegments } from './zone-offsets';

/*
 * Real instants are mapped onto the zone's wall clock one constant-offset segment at a time,
 * so a DST jump simply skips (spring forward) or repeats (fall back) a stretch of wall time:
 * business time passes while the wall clock reads an open time, however often it reads it.
 */

/** Business ms in [from, to); negative when `to` is before `from`. Exact to the millisecond. */
export function businessMillisBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const schedule = wallSchedule(calendar);
  const [start, end] = [from.getTime(), to.getTime()];
  if (end < start) return -businessMillisBetween(calendar, to, from);
  if (schedule.alwaysOpen) return end - start;
  let total = 0;
  for (const segment of offsetSegments(schedule.zone, start)) {
    total += wallOpenMs(schedule, segment.start + segment.offset, Math.min(segment.end, end) + segment.offset);
    if (segment.end >= end) return total;
  }
  return total;
}

/**
 * The earliest instant at which `ms` business ms have passed since `from`. When `from` is
 * outside business hours counting starts at the next opening; zero returns `from` itself.
 */
export function addBusinessMillis(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Cannot add ${ms} business ms: only zero or more can be added.`);
  const schedule = wallSchedule(calendar);
  if (ms === 0 || schedule.alwaysOpen) return new Date(from.getTime() + ms);
  let remaining = ms;
  for (const { start, end, offset } of offsetSegments(schedule.zone, from.getTime())) {
    const available = wallOpenMs(schedule, start + offset, end + offset);
    if (remaining <= available) return new Date(wallAdvance(schedule, start + offset, remaining) - offset);
    remaining -= available;
  }
  throw new Error('unreachable: offset segments never end');
}

export const businessMinutesBetween = (calendar: BusinessCalendar, from: Date, to: Date): number =>
  businessMillisBetween(calendar, from, to) / 60_000;

export const addBusinessMinutes = (calendar: BusinessCalendar, from: Date, minutes: number): Date =>
  addBusinessMillis(calendar, from, Math.round(minutes * 60_000));

/** Whether business time is passing at `at`. */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const schedule = wallSchedule(calendar);
  if (schedule.alwaysOpen) return true;
  const { offset } = offsetSegments(schedule.zone, at.getTime()).next().value!;
  return wallIsOpen(schedule, at.getTime() + offset);
}
