import { liveEn } from './live.en';

/** اردو: the live screens' strings, the same keys and ICU arguments as English. */
export const liveUr: Record<keyof typeof liveEn, string> = {
  'live.paused': 'براہِ راست اپ ڈیٹس رکی ہوئی ہیں: ان کی واپسی تک ہر چند سیکنڈ بعد تبدیلیاں دیکھی جا رہی ہیں۔',
};
