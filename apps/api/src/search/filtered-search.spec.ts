import { Doc, InvalidCursorError, SqliteReadStore } from '@helpdesk/read-store';
import { filteredSearch } from './filtered-search';

interface Item extends Doc {
  words: string;
  mine: boolean;
}

/** Honest pages over a condition the index cannot filter on, on the embedded store's real FTS5 index. */
describe('filteredSearch', () => {
  let store: SqliteReadStore;
  const query = { fields: { words: 1 }, groups: [['lamp']] };
  // 260 matches (three index pages), every third one kept, with different ranks; and some that never match.
  beforeAll(async () => {
    store = new SqliteReadStore(':memory:');
    const items = store.collection<Item>('items');
    for (let i = 0; i < 260; i++) await items.insertOne({ _id: `item-${String(i).padStart(3, '0')}`, words: `lamp ${'filler '.repeat(i % 7)}`, mine: i % 3 === 0 });
    for (let i = 0; i < 20; i++) await items.insertOne({ _id: `other-${i}`, words: 'chair', mine: true });
  });
  afterAll(() => store.close());

  const keep = (doc: Item) => doc.mine;
  async function everyPage(limit: number) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await filteredSearch<Item>(store, 'items', query, keep, limit, cursor);
      pages.push(page.items.map((h) => h.doc._id));
      cursor = page.nextCursor;
    } while (cursor);
    return pages;
  }

  it('pages through exactly the kept hits in rank order, none twice, none skipped, across index pages', async () => {
    const ranked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.search<Item>('items', { ...query, limit: 100, cursor });
      ranked.push(...page.items.filter((h) => h.doc.mine).map((h) => h.doc._id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ranked).toHaveLength(87);

    for (const limit of [1, 7, 20, 87, 100]) {
      const pages = await everyPage(limit);
      expect(pages.flat()).toEqual(ranked);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(pages.at(-1)!.length).toBeGreaterThan(0); // no empty last page: the cursor is absent exactly when nothing is left
    }
  });

  it('answers a page of what the first hits hold, and no cursor, when fewer are kept than asked', async () => {
    const page = await filteredSearch<Item>(store, 'items', { ...query, groups: [['chair']] }, keep, 50);
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).toBeUndefined();
  });

  it('refuses a cursor it did not make', async () => {
    for (const cursor of ['nonsense', Buffer.from('[null, 500]').toString('base64url'), Buffer.from('{"o":1}').toString('base64url')]) {
      await expect(filteredSearch<Item>(store, 'items', query, keep, 5, cursor)).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });
});
