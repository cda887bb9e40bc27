/**
 * One normaliser for the search index and the query alike, so that spellings a reader would
 * call the same word meet: Urdu written with or without diacritics (کتاب / کِتاب), with the
 * Arabic rather than the Urdu yeh, kaf or heh (ميرا / میرا, كتاب / کتاب), with zero-width
 * joiners or non-joiners inside a word, Urdu or Arabic-Indic digits; Latin text lower-cased
 * without accents. FTS5's unicode61 and MongoDB's $text do none of this for Urdu.
 */

// Harakat, superscript alef, Quranic marks, tatweel; Latin combining accents.
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u0300-\u036F]/g;
// Zero-width and bidi controls, soft hyphen, BOM: invisible, and they split words in indexers.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const LETTERS: Record<string, string> = {
  '\u064A': '\u06CC', // ي Arabic yeh -> ی Farsi (Urdu) yeh
  '\u0649': '\u06CC', // ى alef maksura -> ی
  '\u0643': '\u06A9', // ك Arabic kaf -> ک keheh
  '\u0647': '\u06C1', // ه Arabic heh -> ہ heh goal
  '\u06D5': '\u06C1', // ە ae -> ہ
  '\u0629': '\u06C1', // ة teh marbuta -> ہ (as Urdu writes it)
};
const ARABIC_LETTERS = /[\u0643\u0649\u064A\u0647\u06D5\u0629]/g;
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

/** The normalised form of one piece of text (words kept in order, separated by one space). */
export function normaliseText(text: string): string {
  return tokenize(text).join(' ');
}

/** The normalised words of a text. */
export function tokenize(text: string): string[] {
  const folded = text
    .replace(INVISIBLE, '')
    // NFKD splits presentation forms and letters with hamza or madda into base + mark.
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(ARABIC_LETTERS, (c) => LETTERS[c])
    .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) - (d >= '\u06F0' ? 0x06f0 : 0x0660))))
    .normalize('NFC')
    .toLowerCase();
  return folded.match(WORD) ?? [];
}

const isArabicScript = (word: string) => ARABIC_SCRIPT.test(word);

/**
 * What the indexer stores for a text: its words, and beside them each pair of adjacent Urdu
 * words written joined, so that a compound written apart (پاس ورڈ) is found by the joined
 * spelling (پاسورڈ). The other direction is the query's alternatives (queryGroups).
 */
export function indexText(text: string): string {
  const words = tokenize(text);
  const joined: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (isArabicScript(words[i]) && isArabicScript(words[i + 1])) joined.push(words[i] + words[i + 1]);
  }
  return [...words, ...joined].join(' ');
}

/**
 * A query as an AND of groups; a group matches when any of its alternatives is a prefix of an
 * indexed word. Each word's group also holds it joined to its Urdu neighbours, so پاس ورڈ finds
 * a text that wrote پاسورڈ.
 */
export function queryGroups(query: string): string[][] {
  const words = tokenize(query).slice(0, 12);
  return words.map((word, i) => {
    const alternatives = [word];
    const previous = words[i - 1];
    const next = words[i + 1];
    if (previous && isArabicScript(previous) && isArabicScript(word)) alternatives.push(previous + word);
    if (next && isArabicScript(word) && isArabicScript(next)) alternatives.push(word + next);
    return alternatives;
  });
}
