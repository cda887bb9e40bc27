import fc from 'fast-check';
import { capabilitiesOf, ReadStore } from '@helpdesk/read-store';
import { Article, ArticleSearchRequest, Audience, searchArticles, searchDocuments, searchQuery, SEARCH_COLLECTION } from '@helpdesk/knowledge';
import type { ReadStoreUnderTest } from './read-store.contract';

/** A published article with these translations. */
function article(id: string, audience: Audience, translations: Array<[language: string, title: string, body: string]>, category = 'general'): Article {
  const content = { translations: Object.fromEntries(translations.map(([language, title, body]) => [language, { language, title, body }])), tags: [], category, audience };
  return { id, status: 'published', version: 1, content, publishedVersion: 1, versions: [{ version: 1, content, at: '2026-01-05T06:00:00.000Z', by: 'sana' }], sourceTicketId: null, linkedTickets: [], votes: {} };
}

const ARTICLES = [
  article('reset-password', 'public', [
    ['en', 'Reset your password', 'Open **Settings**, choose *Security* and follow the link we email you.'],
    ['ur', 'اپنا پاس ورڈ دوبارہ ترتیب دیں', 'ترتیبات کھولیں، سیکیورٹی چنیں اور ای میل میں بھیجا گیا لنک کھولیں۔'],
  ]),
  article('password-policy', 'internal', [['en', 'Password policy for agents', 'Agents rotate their password every 90 days. Reset requests need a second factor.']]),
  article('billing-refund', 'public', [['en', 'Refunds', 'A refund of a password-protected invoice takes five days; reset the invoice first.']]),
  article('kitab', 'public', [['ur', 'کِتاب کی واپسی', 'مِیری کِتاب واپس کرنے کا طریقہ۔ کتب خانہ سے رابطہ کریں۔']]),
  article('mobile-app', 'public', [['en', 'Installing the mobile app', 'Download the app from the store and sign in.']]),
  article('escalation', 'internal', [['ur', 'اندرونی: شکایت آگے بڑھانا', 'سپروائزر کو پاس ورڈ کے مسئلے آگے بھیجیں۔']]),
];

async function seed(store: ReadStore, collection: string, articles: Article[]) {
  for (const a of articles) for (const doc of searchDocuments(a)) await store.collection(collection).insertOne(doc);
}

const ids = (items: Array<{ articleId: string }>) => items.map((i) => i.articleId);

/**
 * ReadStore.search, as the knowledge base uses it: ranking, prefixes, filters, Urdu spellings,
 * highlights, cursors, and the audience wall. Every adapter passes it.
 */
export function searchContract(name: string, open: () => Promise<ReadStoreUnderTest>) {
  describe(`ReadStore.search contract: ${name}`, () => {
    let under: ReadStoreUnderTest;
    let store: ReadStore;
    const search = (request: Partial<ArticleSearchRequest> & { text: string }) => searchArticles(store, { reader: 'customer', ...request });

    beforeEach(async () => {
      under = await open();
      store = under.store;
      await seed(store, SEARCH_COLLECTION, ARTICLES);
    });
    afterEach(async () => {
      await store.close();
      await under.cleanup?.();
    });

    it('ranks an exact title match first', async () => {
      const staff = await search({ text: 'Password policy for agents', reader: 'staff' });
      expect(ids(staff.items)[0]).toBe('password-policy');
      const refunds = await search({ text: 'refunds' });
      expect(ids(refunds.items)[0]).toBe('billing-refund');
    });

    it('ranks a title match above a body match', async () => {
      const found = await search({ text: 'reset password', language: 'en' });
      expect(ids(found.items)).toEqual(['reset-password', 'billing-refund']);
    });

    it('needs every word of the query', async () => {
      expect(ids((await search({ text: 'password mobile' })).items)).toEqual([]);
    });

    it('matches a word by its beginning, except on MongoDB’s $text (whole words only)', async () => {
      const c = capabilitiesOf(store);
      if (c.backend === 'mongodb' && c.textSearch) return console.warn(`prefix matching not checked on ${c.server}: $text matches whole words`);
      expect(ids((await search({ text: 'instal' })).items)).toEqual(['mobile-app']);
      expect(ids((await search({ text: 'passw', language: 'en' })).items).sort()).toEqual(['billing-refund', 'reset-password']);
    });

    it('with match any, finds articles by some of the words of a typed question, the best first', async () => {
      const found = await search({ text: 'how can I install the app on my phone', match: 'any' });
      expect(ids(found.items)[0]).toBe('mobile-app');
      expect(ids((await search({ text: 'میری کتاب کہاں ہے', match: 'any' })).items)).toEqual(['kitab']);
      expect(ids((await search({ text: 'agents password', match: 'any', language: 'en' })).items)).not.toContain('password-policy');
    });

    it('filters by language', async () => {
      expect(ids((await search({ text: 'پاس ورڈ', language: 'ur' })).items)).toEqual(['reset-password']);
      expect((await search({ text: 'پاس ورڈ', language: 'ur' })).items[0].language).toBe('ur');
      expect(ids((await search({ text: 'پاس ورڈ', language: 'en' })).items)).toEqual([]);
    });

    it('shows internal articles to staff and never to customers', async () => {
      expect(ids((await search({ text: 'password', reader: 'staff', language: 'en' })).items).sort()).toEqual(['billing-refund', 'password-policy', 'reset-password']);
      expect(ids((await search({ text: 'password', language: 'en' })).items).sort()).toEqual(['billing-refund', 'reset-password']);
      expect(ids((await search({ text: 'آگے بڑھانا' })).items)).toEqual([]);
      expect(ids((await search({ text: 'آگے بڑھانا', reader: 'staff' })).items)).toEqual(['escalation']);
    });

    it('finds Urdu with and without diacritics, Arabic or Urdu letters, compounds joined or apart', async () => {
      for (const text of ['کتاب', 'کِتاب', 'كتاب', 'ميري كتاب', 'میری']) expect(ids((await search({ text })).items)).toEqual(['kitab']);
      for (const text of ['پاسورڈ', 'پاس ورڈ', 'پاس\u200Cورڈ']) expect(ids((await search({ text, language: 'ur' })).items)).toEqual(['reset-password']);
    });

    it('highlights the words found, in the text as written', async () => {
      const [hit] = (await search({ text: 'کتاب' })).items;
      expect(hit.titleHighlighted).toEqual([
        { text: 'کِتاب', match: true },
        { text: ' کی واپسی', match: false },
      ]);
      expect(hit.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['کِتاب']);
      const [compound] = (await search({ text: 'پاسورڈ', language: 'ur' })).items;
      expect(compound.titleHighlighted).toEqual([
        { text: 'اپنا ', match: false },
        { text: 'پاس ورڈ', match: true },
        { text: ' دوبارہ ترتیب دیں', match: false },
      ]);
      const [reset] = (await search({ text: 'password', language: 'en' })).items;
      expect(reset.titleHighlighted).toEqual([
        { text: 'Reset your ', match: false },
        { text: 'password', match: true },
      ]);
    });

    it('pages with cursors: every match once, in ranking order', async () => {
      const many = Array.from({ length: 23 }, (_, i) => article(`faq-${String(i).padStart(2, '0')}`, i % 3 ? 'public' : 'internal', [['en', `Question ${i} about invoices`, `invoice ${'invoice '.repeat(i % 5)}answer ${i}`]]));
      await seed(store, SEARCH_COLLECTION, many);
      for (const reader of ['customer', 'staff'] as const) {
        const whole = await search({ text: 'invoice', reader, limit: 50 });
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await search({ text: 'invoice', reader, limit: 4, cursor });
          expect(page.items.length).toBeLessThanOrEqual(4);
          seen.push(...ids(page.items));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(cursor).toBeUndefined();
        expect(seen).toEqual(ids(whole.items));
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(reader === 'staff' ? 24 : 16);
      }
    });

    it('follows the collection: an updated or deleted document is found as it now is', async () => {
      const coll = store.collection(SEARCH_COLLECTION);
      const [doc] = searchDocuments(article('mobile-app', 'public', [['en', 'Installing the tablet app', 'Download it.']]));
      await coll.replaceOne({ _id: doc._id }, doc);
      expect(ids((await search({ text: 'tablet' })).items)).toEqual(['mobile-app']);
      expect(ids((await search({ text: 'mobile' })).items)).toEqual([]);
      await coll.deleteOne({ _id: doc._id });
      expect(ids((await search({ text: 'tablet' })).items)).toEqual([]);
    });

    it('answers nothing for an empty query or an unknown collection, and refuses a forged cursor', async () => {
      expect((await search({ text: ' ؟ ' })).items).toEqual([]);
      expect((await searchArticles(store, { text: 'password', reader: 'staff' }, 'kb_nothing_here')).items).toEqual([]);
      await expect(search({ text: 'password', cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    });

    it('answers the same with or without the stored-fields hint', async () => {
      for (const request of [{ text: 'password', reader: 'customer' as const }, { text: 'passw', reader: 'staff' as const, language: 'en' }, { text: 'کتاب', reader: 'customer' as const, match: 'any' as const }]) {
        const hinted = await store.search(SEARCH_COLLECTION, { ...searchQuery(request), limit: 50 });
        const { stored, ...plain } = searchQuery(request);
        void stored;
        const unhinted = await store.search(SEARCH_COLLECTION, { ...plain, limit: 50 });
        expect(unhinted.items.map((h) => h.doc._id)).toEqual(hinted.items.map((h) => h.doc._id));
      }
    });

    it('never lets an internal article reach a customer, whatever the query (property)', async () => {
      const words = ['password', 'reset', 'پاس', 'ورڈ', 'کتاب', 'agents', 'invoice', 'آگے', 'policy', 'a', 'p'];
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), fc.constantFrom(undefined, 'en', 'ur'), async (terms, language) => {
          const found = await search({ text: terms.join(' '), language, limit: 50 });
          for (const item of found.items) expect(item.audience).toBe('public');
          expect(ids(found.items)).not.toContain('password-policy');
          expect(ids(found.items)).not.toContain('escalation');
        }),
        { numRuns: 40 },
      );
    });
  });
}
