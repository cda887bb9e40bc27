import { parse, TYPE, MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en } from './messages.en';
import { ur } from './messages.ur';
import { translator } from './i18n';

/** Every argument a message uses, with the options of its selects and plurals. */
function argumentsOf(elements: MessageFormatElement[], into = new Map<string, string>()): Map<string, string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
      into.set(el.value, TYPE[el.type]);
    } else if (el.type === TYPE.select || el.type === TYPE.plural) {
      into.set(el.value, `${TYPE[el.type]}:${Object.keys(el.options).filter((o) => el.type === TYPE.select).sort().join('|')}`);
      for (const option of Object.values(el.options)) argumentsOf(option.value, into);
    } else if (el.type === TYPE.tag) {
      argumentsOf(el.children, into);
    }
  }
  return into;
}

describe('the Urdu catalog', () => {
  it('has exactly the English keys', () => {
    expect(Object.keys(ur).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as Array<keyof typeof en>)('%s: parses as ICU and takes the same arguments as English', (key) => {
    const english = argumentsOf(parse(en[key]));
    const urdu = argumentsOf(parse(ur[key]));
    expect(Object.fromEntries(urdu)).toEqual(Object.fromEntries(english));
  });

  it('is actually translated: no message with letters is left in English', () => {
    const untranslated = (Object.keys(en) as Array<keyof typeof en>).filter((k) => /[a-z]{3,}/.test(strip(ur[k])) && ur[k] === en[k]);
    expect(untranslated).toEqual([]);
  });
});

/** The message text without its ICU syntax (argument names and select keys are not words to translate). */
const strip = (message: string) => message.replace(/\{[^{}]*\}/g, '').replace(/\b(select|plural|other|one)\b/g, '');

describe('translator', () => {
  it('formats plurals by the locale’s rules and numbers with Pakistani conventions', () => {
    const t = translator('en');
    expect(t('queue.caption', { count: 0 })).toBe('No open tickets match');
    expect(t('queue.caption', { count: 1 })).toBe('1 open ticket');
    expect(t('queue.caption', { count: 1500 })).toBe('1,500 open tickets');
    expect(t('queue.caption.more', { count: 10000 })).toBe('More than 10,000 open tickets');
    expect(t('queue.viewCount.more', { label: 'All', count: 1000 })).toBe('All (1,000+)');
  });

  it('speaks Urdu with the same data', () => {
    const t = translator('ur');
    expect(t('status', { status: 'resolved' })).toBe('حل شدہ');
    expect(t('queue.caption', { count: 2 })).toContain('کھلے ٹکٹ');
    expect(t('queue.caption.more', { count: 10000 })).toContain('سے زیادہ');
  });

  it('matches selects on booleans and falls back to the value for unknown codes', () => {
    const t = translator('en');
    expect(t('ticket.acknowledged', { acknowledged: true })).toBe('acknowledged');
    expect(t('ticket.acknowledged', { acknowledged: false })).toBe('not acknowledged yet');
    expect(t('status', { status: 'archived' })).toBe('archived');
  });
});
