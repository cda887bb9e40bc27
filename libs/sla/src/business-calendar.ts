import { IANAZone } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock range, `HH:mm`, start inclusive, end exclusive; `24:00` ends at midnight. */
export type TimeRange = readonly [start: string, end: string];

/** Working ranges per weekday; a day without ranges is a weekend day. */
export type WeeklyHours = Readonly<Partial<Record<Weekday, readonly TimeRange[]>>>;

/** A named day off, or an inclusive range of days off, as local `YYYY-MM-DD` dates of the calendar's zone. */
export type Holiday = { readonly name: string; readonly date: string } | { readonly name: string; readonly from: string; readonly to: string };

/**
 * When the team works. Business time passes while the local wall clock of `zone` reads a time
 * inside one of the day's ranges, on a day that is not a holiday.
 */
export interface BusinessCalendar {
  readonly id: string;
  readonly zone: string;
  readonly weeklyHours: WeeklyHours;
  readonly holidays: readonly Holiday[];
}

export const DEFAULT_ZONE = 'Asia/Karachi';
export const DEFAULT_WEEKEND: readonly Weekday[] = ['sat', 'sun'];

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(
    readonly calendarId: string,
    readonly errors: readonly string[],
  ) {
    super(`Calendar ${calendarId} is invalid: ${errors.join('; ')}.`);
  }
}

export interface CalendarOptions {
  id: string;
  zone?: string;
  /** The same ranges on every day but the weekend, or explicit ranges per weekday. */
  hours: readonly TimeRange[] | WeeklyHours;
  /** Days without hours; applied to `hours` in either form. */
  weekend?: readonly Weekday[];
  holidays?: readonly Holiday[];
}

/** Builds a calendar, throwing a CalendarError that lists every problem when it is not valid. */
export function businessCalendar(options: CalendarOptions): BusinessCalendar {
  const weekend = options.weekend ?? (isRangeList(options.hours) ? DEFAULT_WEEKEND : []);
  const weeklyHours: Partial<Record<Weekday, readonly TimeRange[]>> = {};
  for (const day of WEEKDAYS) {
    const ranges = isRangeList(options.hours) ? options.hours : (options.hours[day] ?? []);
    if (!weekend.includes(day) && ranges.length > 0) weeklyHours[day] = ranges;
  }
  const calendar: BusinessCalendar = { id: options.id, zone: options.zone ?? DEFAULT_ZONE, weeklyHours, holidays: options.holidays ?? [] };
  const errors = validateCalendar(calendar);
  if (errors.length > 0) throw new CalendarError(calendar.id, errors);
  return calendar;
}

/** Open around the clock, every day of the year (UTC, so no holidays or DST to think about). */
export const ALWAYS_OPEN_CALENDAR: BusinessCalendar = businessCalendar({ id: '24x7', zone: 'UTC', hours: [['00:00', '24:00']], weekend: [] });

/** Every problem with a calendar, as sentences; empty when the calendar is valid. */
export function validateCalendar(calendar: BusinessCalendar): string[] {
  const errors: string[] = [];
  if (!calendar.id?.trim()) errors.push('the calendar needs an id');
  if (!IANAZone.isValidZone(calendar.zone)) errors.push(`"${calendar.zone}" is not an IANA time zone such as Asia/Karachi`);
  for (const key of Object.keys(calendar.weeklyHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) errors.push(`"${key}" is not a weekday (use ${WEEKDAYS.join(', ')})`);
  }
  let working = 0;
  for (const day of WEEKDAYS) {
    const problems = rangeErrors(day, calendar.weeklyHours[day] ?? []);
    errors.push(...problems);
    if (problems.length === 0) working += (calendar.weeklyHours[day] ?? []).length;
  }
  if (working === 0 && errors.length === 0) errors.push('the calendar has no working hours in the week, so no deadline would ever come');
  calendar.holidays.forEach((holiday, i) => errors.push(...holidayErrors(holiday, i)));
  return errors;
}

/** Minutes since local midnight of `HH:mm` (00:00 to 24:00), or null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) return null;
  return hours * 60 + minutes;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is not a real date. */
export function parseLocalDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms / 86_400_000 : null;
}

export const holidayDates = (holiday: Holiday): { from: string; to: string } =>
  'date' in holiday ? { from: holiday.date, to: holiday.date } : { from: holiday.from, to: holiday.to };

function isRangeList(hours: CalendarOptions['hours']): hours is readonly TimeRange[] {
  return Array.isArray(hours);
}

function rangeErrors(day: Weekday, ranges: readonly TimeRange[]): string[] {
  const errors: string[] = [];
  const parsed: Array<{ start: number; end: number; label: string }> = [];
  for (const range of ranges) {
    const label = `${day} ${range[0]}-${range[1]}`;
    const [start, end] = [parseTimeOfDay(range[0]), parseTimeOfDay(range[1])];
    if (start === null || end === null) errors.push(`${label}: times must be HH:mm between 00:00 and 24:00`);
    else if (start >= end) errors.push(`${label}: the range must end after it starts (split ranges that cross midnight)`);
    else parsed.push({ start, end, label });
  }
  parsed.sort((a, b) => a.start - b.start);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i].start < parsed[i - 1].end) errors.push(`${parsed[i].label} overlaps ${parsed[i - 1].label}`);
  }
  return errors;
}

function holidayErrors(holiday: Holiday, index: number): string[] {
  const name = holiday.name?.trim() ? `holiday "${holiday.name}"` : `holiday #${index + 1}`;
  const errors = holiday.name?.trim() ? [] : [`${name} needs a name`];
  const { from, to } = holidayDates(holiday);
  const [start, end] = [parseLocalDate(from), parseLocalDate(to)];
  if (start === null) errors.push(`${name}: "${from}" is not a YYYY-MM-DD date`);
  if (end === null && to !== from) errors.push(`${name}: "${to}" is not a YYYY-MM-DD date`);
  if (start !== null && end !== null && end < start) errors.push(`${name}: ends (${to}) before it starts (${from})`);
  return errors;
}
