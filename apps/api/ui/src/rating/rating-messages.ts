import { IntlMessageFormat } from 'intl-messageformat';

/**
 * The rating page's words, English and Urdu (ICU messages). Its own small catalog: the page is
 * public and loads nothing of the staff UI; rating-messages.spec.ts checks both have the same keys.
 */
export const ratingEn = {
  'rating.title': 'Rate our help',
  'rating.loading': 'Loading…',
  'rating.request': 'Request {number}',
  'rating.question': 'How satisfied are you with how we resolved your request?',
  'rating.score': '{score, select, 1 {1 – Very unhappy} 2 {2 – Unhappy} 3 {3 – Neutral} 4 {4 – Happy} other {5 – Very happy}}',
  'rating.comment': 'Comment (optional)',
  'rating.commentHint': 'Shown only to our support supervisors.',
  'rating.submit': 'Send my rating',
  'rating.change': 'Change my rating',
  'rating.sending': 'Sending…',
  'rating.pick': 'Choose a rating from 1 to 5 first.',
  'rating.thanks': 'Thank you. Your rating of {score} out of 5 is recorded.',
  'rating.current': 'Your current rating: {score} out of 5.',
  'rating.until': 'You can change it until {until}.',
  'rating.final': 'This rating is final and can no longer be changed.',
  'rating.language': 'اردو میں',
  'rating.error.expired': 'This rating link has expired: ratings can be given or changed only for a while after the request is resolved.',
  'rating.error.invalid': 'This rating link is not valid. Please open the link from your email again.',
  'rating.error.final': 'This rating can no longer be changed.',
  'rating.error.notYours': 'This rating link does not belong to this request.',
  'rating.error.withdrawn': 'This request was reopened, so it cannot be rated now. We will ask again once it is resolved.',
  'rating.error.network': 'The helpdesk cannot be reached. Check your connection and try again.',
  'rating.error.other': 'Something went wrong: {detail}',
} as const;

export type RatingKey = keyof typeof ratingEn;

export const ratingUr: Record<RatingKey, string> = {
  'rating.title': 'ہماری مدد کی درجہ بندی کریں',
  'rating.loading': 'لوڈ ہو رہا ہے…',
  'rating.request': 'درخواست {number}',
  'rating.question': 'ہم نے آپ کی درخواست جس طرح حل کی، آپ اس سے کتنے مطمئن ہیں؟',
  'rating.score': '{score, select, 1 {1 – بہت ناخوش} 2 {2 – ناخوش} 3 {3 – درمیانہ} 4 {4 – خوش} other {5 – بہت خوش}}',
  'rating.comment': 'تبصرہ (اختیاری)',
  'rating.commentHint': 'یہ صرف ہمارے سپورٹ نگرانوں کو دکھایا جاتا ہے۔',
  'rating.submit': 'میری درجہ بندی بھیجیں',
  'rating.change': 'میری درجہ بندی بدلیں',
  'rating.sending': 'بھیجا جا رہا ہے…',
  'rating.pick': 'پہلے 1 سے 5 تک کوئی درجہ منتخب کریں۔',
  'rating.thanks': 'شکریہ۔ آپ کی درجہ بندی، 5 میں سے {score}، محفوظ ہو گئی ہے۔',
  'rating.current': 'آپ کی موجودہ درجہ بندی: 5 میں سے {score}۔',
  'rating.until': 'آپ اسے {until} تک بدل سکتے ہیں۔',
  'rating.final': 'یہ درجہ بندی حتمی ہے اور اب بدلی نہیں جا سکتی۔',
  'rating.language': 'In English',
  'rating.error.expired': 'اس درجہ بندی کے لنک کی مدت ختم ہو گئی ہے: درخواست حل ہونے کے بعد کچھ عرصے تک ہی درجہ دیا یا بدلا جا سکتا ہے۔',
  'rating.error.invalid': 'یہ درجہ بندی کا لنک درست نہیں۔ براہ کرم اپنی ای میل سے لنک دوبارہ کھولیں۔',
  'rating.error.final': 'یہ درجہ بندی اب بدلی نہیں جا سکتی۔',
  'rating.error.notYours': 'یہ درجہ بندی کا لنک اس درخواست کا نہیں۔',
  'rating.error.withdrawn': 'یہ درخواست دوبارہ کھول دی گئی ہے، اس لیے ابھی اس کی درجہ بندی نہیں ہو سکتی۔ حل ہونے پر ہم دوبارہ پوچھیں گے۔',
  'rating.error.network': 'ہیلپ ڈیسک تک رسائی نہیں ہو رہی۔ اپنا کنکشن دیکھیں اور دوبارہ کوشش کریں۔',
  'rating.error.other': 'کچھ غلط ہو گیا: {detail}',
};

export type RatingLocale = 'en' | 'ur';
export const RATING_CATALOGS: Record<RatingLocale, Record<RatingKey, string>> = { en: ratingEn, ur: ratingUr };

export type RatingTranslate = (key: RatingKey, values?: Record<string, string | number>) => string;

export function ratingTranslator(locale: RatingLocale): RatingTranslate {
  const tag = locale === 'ur' ? 'ur-PK' : 'en-PK';
  const cache = new Map<RatingKey, IntlMessageFormat>();
  return (key, values) => {
    let format = cache.get(key);
    if (!format) cache.set(key, (format = new IntlMessageFormat(RATING_CATALOGS[locale][key], tag)));
    return String(format.format(values));
  };
}

/** Which message explains a refused rating link (the problem types of /satisfaction/:token). */
export function ratingProblemKey(type: string | undefined): RatingKey {
  switch (type) {
    case 'urn:helpdesk:problem:rating-link-expired':
      return 'rating.error.expired';
    case 'urn:helpdesk:problem:rating-link-invalid':
      return 'rating.error.invalid';
    case 'urn:helpdesk:problem:rating-final':
      return 'rating.error.final';
    case 'urn:helpdesk:problem:rating-link-not-yours':
      return 'rating.error.notYours';
    case 'urn:helpdesk:problem:rating-offer-withdrawn':
      return 'rating.error.withdrawn';
    default:
      return 'rating.error.other';
  }
}
