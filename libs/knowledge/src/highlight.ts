import { tokenize } from './urdu-normaliser';

/** A piece of shown text; `match` pieces are what the query found (rendered as <mark>). */
export interface Segment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}\u200B-\u200F]+/gu;

/**
 * The text in segments, the words the query found marked. Matching is on normalised words, so
 * کِتاب is marked for the query کتاب, and پاس ورڈ for پاسورڈ. Returns data, never HTML.
 */
export function highlight(text: string, groups: string[][]): Segment[] {
  const alternatives = groups.flat();
  const words = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, norm: tokenize(m[0]).join('') }));
  const marked = new Set<number>();
  /** Words i whose gap to word i+1 lies inside one matched compound. */
  const joined = new Set<number>();
  const hits = (norm: string) => norm.length > 0 && alternatives.some((alt) => norm.startsWith(alt));
  words.forEach((word, i) => {
    if (hits(word.norm)) marked.add(i);
    const next = words[i + 1];
    if (next && alternatives.some((alt) => alt.startsWith(word.norm) && alt.length > word.norm.length && (word.norm + next.norm).startsWith(alt))) {
      marked.add(i).add(i + 1);
      joined.add(i);
    }
  });
  const segments: Segment[] = [];
  let at = 0;
  const push = (piece: string, match: boolean) => {
    if (!piece) return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += piece;
    else segments.push({ text: piece, match });
  };
  words.forEach((word, i) => {
    if (!marked.has(i)) return;
    // The space inside a compound found whole (پاس ورڈ for پاسورڈ) is marked with its words.
    push(text.slice(at, word.start), joined.has(i - 1) && at === words[i - 1].end);
    push(text.slice(word.start, word.end), true);
    at = word.end;
  });
  push(text.slice(at), false);
  return segments;
}

/** Up to `length` characters of `text` around its first match, highlighted. */
export function snippet(text: string, groups: string[][], length = 180): Segment[] {
  const all = highlight(text, groups);
  let offset = 0;
  let first = -1;
  for (const s of all) {
    if (s.match) {
      first = offset;
      break;
    }
    offset += s.text.length;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(length / 3));
  const piece = text.slice(start, start + length);
  const shown = highlight(piece, groups);
  if (start > 0) shown.unshift({ text: '… ', match: false });
  if (start + length < text.length) shown.push({ text: ' …', match: false });
  return shown;
}
