import { createHash } from 'node:crypto';
import type { Collection, Db, Document } from 'mongodb';
import { unwrapNestedArrays } from './nested-arrays';
import type { ReadStoreCapabilities } from './read-store-capabilities';
import { InvalidCursorError, UnsupportedFilterError } from './read-store.errors';
import type { Doc, Page, SearchHit, TextSearch } from './read-store.port';

const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Most candidates ranked per search; a knowledge base query past this many is too vague to page through. */
const CANDIDATES = 1000;

/**
 * Search on MongoDB. Where the server has text indexes (`capabilities.textSearch`), candidates
 * come from a `$text` query on a text index over the fields (weights as given, stemming and
 * stop words off: the text is normalised already), scored by `textScore`. `$text` matches whole
 * words only, so there a query word is not matched as a prefix. Where the server has none
 * (FerretDB), candidates come from an anchored regular expression per word on the fields, which
 * does match prefixes, scored here by saturated term frequency times the field's weight (bm25's
 * shape, without document lengths). Either way every group must match, an exact match ranks
 * first, and pages are offsets into that ranking.
 */
export async function mongoSearch<T extends Doc>(db: Db, collection: string, query: TextSearch, capabilities: ReadStoreCapabilities): Promise<Page<SearchHit<T>>> {
  const fields = Object.keys(query.fields);
  if (fields.length === 0 || fields.some((f) => !FIELD.test(f))) throw new UnsupportedFilterError('search fields must be plain field names');
  const limit = Math.min(100, Math.max(1, Math.floor(query.limit)));
  const groups = query.groups.map((g) => g.filter((w) => w.length > 0)).filter((g) => g.length > 0);
  if (groups.length === 0) return { items: [] };
  const offset = query.cursor ? decodeOffset(query.cursor) : 0;
  const coll = db.collection<Doc>(collection);
  const filter: Document = { ...(query.filter ?? {}) };
  for (const key of Object.keys(filter)) if (key.startsWith('$')) throw new UnsupportedFilterError('search filters are field equalities');
  // Every group must match a word's beginning in some field (on the $text path too: $text alone is an OR).
  const prefixes = groups.map((group) => ({ $or: group.flatMap((word) => fields.map((f) => ({ [f]: { $regex: `(^| )${escapeRegex(word)}` } }))) }));
  const matching = query.match === 'any' ? [{ $or: prefixes.flatMap((p) => p.$or) }] : prefixes;

  let scored: Array<{ doc: Doc; score: number }>;
  if (capabilities.textSearch) {
    await ensureTextIndex(coll, query.fields);
    const words = [...new Set(groups.flat())].join(' ');
    const docs = await coll
      .find({ $text: { $search: words }, $and: [filter, ...matching] }, { projection: { _score: { $meta: 'textScore' } } })
      .sort({ _score: { $meta: 'textScore' } })
      .limit(CANDIDATES)
      .toArray();
    scored = docs.map(({ _score, ...doc }) => ({ doc: doc as Doc, score: Number(_score) }));
  } else {
    const docs = await coll.find({ $and: [filter, ...matching] }).limit(CANDIDATES).toArray();
    scored = docs.map((doc) => ({ doc, score: termScore(doc, groups, query.fields) }));
  }
  const exact = query.exact;
  const isExact = (doc: Doc) => (exact && doc[exact.field] === exact.value ? 1 : 0);
  scored.sort((a, b) => isExact(b.doc) - isExact(a.doc) || b.score - a.score || (a.doc._id < b.doc._id ? -1 : a.doc._id > b.doc._id ? 1 : 0));
  const page = scored.slice(offset, offset + limit).map(({ doc, score }) => ({ doc: unwrapNestedArrays(doc) as T, score: score + isExact(doc) * 1e6 }));
  return offset + limit < scored.length ? { items: page, nextCursor: Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') } : { items: page };
}

async function ensureTextIndex(coll: Collection<Doc>, weights: Record<string, number>): Promise<void> {
  const fields = Object.keys(weights);
  const name = `search_${createHash('sha256').update(fields.join(',')).digest('hex').slice(0, 8)}`;
  await coll.createIndex(Object.fromEntries(fields.map((f) => [f, 'text'])), { name, weights, default_language: 'none', language_override: '_no_language_field' });
}

function termScore(doc: Doc, groups: string[][], weights: Record<string, number>): number {
  let score = 0;
  for (const [field, weight] of Object.entries(weights)) {
    const value = doc[field];
    if (typeof value !== 'string') continue;
    const words = value.split(' ');
    for (const group of groups) {
      const tf = words.filter((w) => group.some((alt) => w.startsWith(alt))).length;
      score += (weight * tf * 2.2) / (tf + 1.2);
    }
  }
  return score;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function decodeOffset(cursor: string): number {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isInteger(value?.o) && value.o >= 0) return value.o;
  } catch {
    /* refused below */
  }
  throw new InvalidCursorError('The cursor is not one this search returned.');
}
