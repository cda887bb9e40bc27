import { Language } from '@helpdesk/ticketing';

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const LETTER = /\p{L}/gu;

/** A customer who writes in Arabic script (Urdu, for this helpdesk) is answered in Urdu; anyone else in English. */
export function guessLanguage(text: string): Language {
  const arabic = text.match(ARABIC_SCRIPT)?.length ?? 0;
  const letters = text.match(LETTER)?.length ?? 0;
  return arabic >= 3 && arabic >= letters * 0.3 ? 'ur' : 'en';
}
