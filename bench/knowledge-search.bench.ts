import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Article, queryGroups, searchArticles, searchDocuments, SEARCH_WEIGHTS } from '@helpdesk/knowledge';
import { SqliteReadStore } from '@helpdesk/read-store';
import { matchExpression } from '../libs/read-store/src/sqlite/sqlite-search';
import { now, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

const COLLECTION = 'kb_search_g1';
const EN = 'account password reset login invoice refund payment card bank transfer mobile app install update email address phone number delivery order cancel return warranty printer network vpn wifi router connect error slow crash sync backup restore upload download file report tax salary visa passport form appointment branch office'.split(' ');
const UR = 'اکاؤنٹ پاس ورڈ لاگ ان بل رقم واپسی ادائیگی کارڈ بینک موبائل ایپ ای میل پتہ فون نمبر آرڈر منسوخ وارنٹی پرنٹر نیٹ ورک انٹرنیٹ غلطی سست کِتاب فارم ملاقات شاخ دفتر ٹیکس تنخواہ ویزا پاسپورٹ'.split(' ');
const QUERIES = ['password reset', 'refund', 'passw', 'vpn connect error', 'mobile app', 'invoice tax', 'پاسورڈ', 'پاس ورڈ', 'کتاب', 'موبائل ایپ', 'ویزا فارم', 'printer network slow'];

/** Deterministic pseudo-random numbers, so every run indexes the same articles. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const SYLLABLES = 'ka ri to me sa lu ne po da fi gu ha jo ke li mu na pe qi ru'.split(' ');
const SYNTHETIC = 6000;

/**
 * A vocabulary in Zipf order: synthetic filler words take the top ranks (the "the, of, and" of
 * help texts, never searched for), the words the queries use sit from rank 80 down, so each is in
 * a few per cent of the articles, as "password" or "refund" would be in a real knowledge base.
 */
function vocabulary(real: string[]): string[] {
  const words = Array.from({ length: SYNTHETIC }, (_, i) => {
    let w = '';
    for (let n = i + SYLLABLES.length; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
    return w;
  });
  real.forEach((word, k) => words.splice(80 + k * 25, 0, word));
  return words;
}
const VOCABULARY = { en: vocabulary(EN), ur: vocabulary(UR) };

function article(i: number, next: () => number): Article {
  const urdu = i % 3 === 0;
  const words = VOCABULARY[urdu ? 'ur' : 'en'];
  // Zipf-like (log-uniform ranks): a few words in most articles, most words in few.
  const pick = () => words[Math.min(words.length - 1, Math.floor(Math.exp(next() * Math.log(words.length))) - 1)];
  const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');
  const language = urdu ? 'ur' : 'en';
  const content = {
    translations: { [language]: { language, title: `${sentence(4)} ${i}`, body: `${sentence(40)} rare${i.toString(36)}. ${sentence(30)}` } },
    tags: [pick()],
    category: 'general',
    audience: i % 5 === 0 ? ('internal' as const) : ('public' as const),
  };
  return { id: `a${i}`, status: 'published', version: 1, content, publishedVersion: 1, versions: [{ version: 1, content, at: '2026-01-05T06:00:00.000Z', by: null }], sourceTicketId: null, linkedTickets: [], votes: {} };
}

/**
 * Knowledge-base search p99 over BENCH_SEARCH_ARTICLES published articles (100k; a third in
 * Urdu, a fifth internal), through searchArticles (normalising, ReadStore.search on FTS5 with
 * bm25 and the audience filter, highlighting, a page of 10) as a customer. Baseline: the raw
 * FTS5 query on the same FTS5 table, same MATCH expression, bm25 order, LIMIT 10, no join.
 */
export async function knowledgeSearch(): Promise<Measurement[]> {
  const size = Number(process.env.BENCH_SEARCH_ARTICLES ?? 100_000);
  const samples = Number(process.env.BENCH_SEARCH_SAMPLES ?? 300);
  const dir = tempDir('kb-search');
  try {
    const file = join(dir.path, 'read.db');
    const store = new SqliteReadStore(file);
    const next = random(42);
    const loadStart = now();
    for (let from = 0; from < size; from += 5000) {
      await store.transaction(async (tx) => {
        const coll = tx.collection(COLLECTION);
        for (let i = from; i < Math.min(size, from + 5000); i++) for (const doc of searchDocuments(article(i, next))) await coll.insertOne(doc);
      });
    }
    const loadSeconds = (now() - loadStart) / 1000;
    const indexStart = now();
    await searchArticles(store, { text: 'warm', reader: 'customer' }, COLLECTION); // builds the FTS5 table from the collection
    const indexSeconds = (now() - indexStart) / 1000;

    const raw = new Database(file, { readonly: true });
    // The FTS5 table itself; its shadow tables are named <table>_data, _idx, ...
    const fts = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts:${COLLECTION}:????????'`).pluck().get() as string;
    const weights = Object.values(SEARCH_WEIGHTS).join(', ');
    const rawQuery = raw.prepare(`SELECT rowid FROM "${fts}" WHERE "${fts}" MATCH ? ORDER BY bm25("${fts}", ${weights}) LIMIT 10`);

    const api = async (q: string) => (await searchArticles(store, { text: q, reader: 'customer', limit: 10 }, COLLECTION)).items.length;
    const baseline = (q: string) => (rawQuery.all(matchExpression(queryGroups(q))) as unknown[]).length;
    let found = 0;
    for (const q of QUERIES) found += (await api(q)) > 0 ? 1 : 0;
    for (let round = 0; round < 3; round++) for (const q of QUERIES) (await api(q), baseline(q));

    const apiMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < samples; i++) {
      const q = QUERIES[i % QUERIES.length];
      // Interleaved, so both see the same machine load.
      let t = now();
      await api(q);
      apiMs.push(now() - t);
      t = now();
      baseline(q);
      rawMs.push(now() - t);
    }
    raw.close();
    await store.close();
    const a = summarize(apiMs);
    const b = summarize(rawMs);
    const label = size >= 1000 ? `${Math.round(size / 1000)}k` : String(size);
    return [
      {
        benchmark: `knowledge search p99 @ ${label} articles (searchArticles: normalise, FTS5 bm25, audience filter, highlight)`,
        figure: a.p99,
        unit: 'ms',
        baseline: 'raw FTS5 MATCH + bm25 LIMIT 10 on the same table',
        baselineFigure: b.p99,
        target: { below: 50 },
        notes: `p50 ${a.p50.toFixed(2)} ms vs raw ${b.p50.toFixed(2)} ms; ${samples} samples over ${QUERIES.length} queries (${found} with hits); load ${loadSeconds.toFixed(1)} s, FTS5 index built in ${indexSeconds.toFixed(1)} s`,
        details: { api: a, raw: b, queries: QUERIES },
      },
    ];
  } finally {
    dir.remove();
  }
}
