import { durationText } from '../format';
import { INTL_LOCALE, Locale, Translate } from '../i18n/i18n';

/** How figures read in the agent's language: counts, shares, averages, business durations and report days. */
export interface FigureFormats {
  count(n: number): string;
  percent(ratio: number): string;
  decimal(n: number): string;
  minutes(n: number): string;
  /** A report day (YYYY-MM-DD, already local to the metrics' zone). */
  day(day: string): string;
}

export function figureFormats(locale: Locale, t: Translate): FigureFormats {
  const tag = INTL_LOCALE[locale];
  const count = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    count: (n) => count.format(n),
    percent: (r) => percent.format(r),
    decimal: (n) => decimal.format(n),
    minutes: (n) => durationText(t, Math.round(n)),
    day: (d) => day.format(new Date(`${d}T00:00:00Z`)),
  };
}
