import { IntlMessageFormat } from 'intl-messageformat';
import { en, MessageKey } from './messages.en';
import { ur } from './messages.ur';

export type Locale = 'en' | 'ur';
export const LOCALES: readonly Locale[] = ['en', 'ur'];

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, ur };
/** The BCP 47 tag numbers and dates are formatted with: Pakistan's conventions for both languages. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-PK', ur: 'ur-PK' };
export const DIRECTION: Record<Locale, 'ltr' | 'rtl'> = { en: 'ltr', ur: 'rtl' };

export type Values = Record<string, string | number | boolean | null | undefined>;
export type Translate = (key: MessageKey, values?: Values) => string;

const compiled = new Map<string, IntlMessageFormat>();

/** A translator for `locale`: each message is parsed once, then formatted with ICU rules. */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    const id = `${locale}:${key}`;
    let format = compiled.get(id);
    if (!format) {
      format = new IntlMessageFormat(CATALOGS[locale][key] ?? en[key], INTL_LOCALE[locale]);
      compiled.set(id, format);
    }
    const text = format.format(normalise(values));
    return typeof text === 'string' ? text : String(text);
  };
}

/** ICU `select` matches strings: booleans and nulls become "true" / "false" / "". */
function normalise(values: Values = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v);
  return out;
}

export function preferredLocale(stored: string | null, browser: readonly string[]): Locale {
  if (stored === 'en' || stored === 'ur') return stored;
  return browser.some((l) => l.toLowerCase().startsWith('ur')) ? 'ur' : 'en';
}
