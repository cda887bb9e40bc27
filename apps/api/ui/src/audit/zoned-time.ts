import { INTL_LOCALE, Locale } from '../i18n/i18n';

/**
 * A date-time picker gives a wall time with no zone ("2026-01-05T09:14"); the auditor reads every
 * time in their own zone (the roster's, not necessarily the browser's), so the picker's value is
 * read in that zone too.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallParts(instant: number, zone: string): number[] {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormat.set(zone, format);
  }
  const parts = format.formatToParts(new Date(instant));
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map((type) => Number(parts.find((p) => p.type === type)?.value));
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instant: number, zone: string): number {
  const [y, mo, d, h, mi, s] = wallParts(instant, zone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall time names in `zone`; null for what is no wall time. A time skipped by a
 * daylight-saving change is read with the offset before the change.
 */
export function wallTimeToInstant(wall: string, zone: string): Date | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi, s = '0'] = m.slice(1);
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(naive)) return null;
  const first = naive - offsetAt(naive, zone);
  return new Date(naive - offsetAt(first, zone));
}

/** The wall time (to the second) `zone` showed at an instant, as a date-time picker takes it. */
export function instantToWallTime(iso: string, zone: string): string {
  const [y, mo, d, h, mi, s] = wallParts(new Date(iso).getTime(), zone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}`;
}

/** Date and time to the second: events of one ticket are often minutes, even seconds, apart. */
export function preciseDateTime(locale: Locale, zone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'medium', timeZone: zone });
  return (iso) => format.format(new Date(iso));
}
