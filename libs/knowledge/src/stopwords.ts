import { tokenize } from './urdu-normaliser';

// Words too common to suggest an article by, in normalised form (English and Urdu).
const WORDS = `a an and are as at be but by can cannot could do does for from has have how i if in is it its my me
no not of on or our please so that the their there this to was we what when where which who why will with you your
ہے ہیں ہو ہوں تھا تھی تھے کا کی کے کو سے میں نے پر اور یہ وہ کیا کیسے کیوں کب کہاں جو بھی نہیں تو ایک اپنا اپنی اپنے میرا میری میرے مجھے ہم آپ`;
const STOPWORDS = new Set(tokenize(WORDS));

/** Query groups without the words that match nearly every article (for `any` matching). */
export function withoutStopwords(groups: string[][]): string[][] {
  const kept = groups.filter((group) => !STOPWORDS.has(group[0]) || group.length > 1);
  return kept.length ? kept : groups;
}
