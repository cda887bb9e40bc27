import { DAY_MS, daysMs, isHoliday, nextHoliday, openMsOfDay, WallSchedule, weekdayOf } from './wall-schedule';

/** Open ms in the wall-time interval [from, to), from <= to. */
export function wallOpenMs(schedule: WallSchedule, from: number, to: number): number {
  if (schedule.alwaysOpen) return to - from;
  const [firstDay, lastDay] = [Math.floor(from / DAY_MS), Math.floor(to / DAY_MS)];
  if (firstDay === lastDay) return openWithinDay(schedule, firstDay, from - firstDay * DAY_MS, to - firstDay * DAY_MS);
  return (
    openWithinDay(schedule, firstDay, from - firstDay * DAY_MS, DAY_MS) +
    daysMs(schedule, firstDay + 1, lastDay) +
    openWithinDay(schedule, lastDay, 0, to - lastDay * DAY_MS)
  );
}

/** The earliest wall time at which `ms` open ms have passed since `from`; counting starts at the next opening. */
export function wallAdvance(schedule: WallSchedule, from: number, ms: number): number {
  if (ms <= 0) return from;
  if (schedule.alwaysOpen) return from + ms;
  let day = Math.floor(from / DAY_MS);
  const first = walkDay(schedule, day, from - day * DAY_MS, ms);
  if (typeof first === 'number') return first;
  let remaining: number;
  ({ day, remaining } = skipWeeks(schedule, day + 1, ms - first.consumed));
  while (remaining > openMsOfDay(schedule, day)) remaining -= openMsOfDay(schedule, day++);
  return walkDay(schedule, day, 0, remaining) as number;
}

export function wallIsOpen(schedule: WallSchedule, at: number): boolean {
  const day = Math.floor(at / DAY_MS);
  const time = at - day * DAY_MS;
  return !isHoliday(schedule, day) && schedule.ranges[weekdayOf(day)].some(([s, e]) => time >= s && time < e);
}

/** Skips whole weeks from `day` while more than a week of open time remains, holiday-free stretches in one step. */
function skipWeeks(schedule: WallSchedule, day: number, remaining: number): { day: number; remaining: number } {
  for (;;) {
    const clearWeeks = Math.floor((nextHoliday(schedule, day) - day) / 7);
    const weeks = Math.min(clearWeeks, Math.ceil(remaining / schedule.weekMs) - 1);
    if (weeks > 0) {
      remaining -= weeks * schedule.weekMs;
      day += weeks * 7;
      continue;
    }
    const week = daysMs(schedule, day, day + 7);
    if (remaining <= week) return { day, remaining };
    remaining -= week;
    day += 7;
  }
}

function openWithinDay(schedule: WallSchedule, day: number, from: number, to: number): number {
  if (isHoliday(schedule, day)) return 0;
  let total = 0;
  for (const [s, e] of schedule.ranges[weekdayOf(day)]) total += Math.max(0, Math.min(e, to) - Math.max(s, from));
  return total;
}

/** Walks one day from `from` (ms since midnight): the wall time when `ms` is used up, or what the day offered. */
function walkDay(schedule: WallSchedule, day: number, from: number, ms: number): number | { consumed: number } {
  if (isHoliday(schedule, day)) return { consumed: 0 };
  let remaining = ms;
  for (const [s, e] of schedule.ranges[weekdayOf(day)]) {
    const start = Math.max(s, from);
    if (start >= e) continue;
    if (remaining <= e - start) return day * DAY_MS + start + remaining;
    remaining -= e - start;
  }
  return { consumed: ms - remaining };
}
