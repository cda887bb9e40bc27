/** The zone the metrics count their days in (the API answers it as `zone`). */
export const METRICS_ZONE = 'Asia/Karachi';

const DAY_MS = 86_400_000;

/** Today in `zone` as YYYY-MM-DD. */
export function localDay(now: Date, zone = METRICS_ZONE): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** `day` moved by `days` (calendar days, no time zone involved). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last `days` days up to today, both ends included. */
export function lastDays(now: Date, days: number, zone = METRICS_ZONE): { from: string; to: string } {
  const to = localDay(now, zone);
  return { from: addDays(to, -(days - 1)), to };
}

/** Every day from `from` to `to` (inclusive), at most `max`; none when the range is backwards. */
export function daysBetween(from: string, to: string, max = 366): string[] {
  const out: string[] = [];
  for (let day = from; day <= to && out.length < max; day = addDays(day, 1)) out.push(day);
  return out;
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The ISO week of a day, as the metrics API names it (2026-W02). */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO weeks a range touches, in order. */
export const weeksBetween = (from: string, to: string) => [...new Set(daysBetween(from, to).map(isoWeek))];
