import { Doc, InvalidCursorError, Page, ReadStore, SearchHit, TextSearch } from '@helpdesk/read-store';

/** Hits read from the index per round trip (the adapters' own page limit). */
const BATCH = 100;
/** Most hits one request reads past before it answers with what it found (and a cursor on). */
const MAX_SCANNED = 1000;

interface Resume {
  /** The index page the next hit is on (its cursor; null: the first page). */
  page: string | null;
  /** How many hits of that page were already taken or passed over. */
  skip: number;
}

/**
 * A ranked search whose results must also pass `keep`, a condition the index cannot express
 * (its filter is equality only): an agent's reach is "assigned to me, in one of my teams, or on
 * no team". Pages stay honest: a page holds up to `limit` kept hits in rank order, the cursor
 * resumes right after the last hit read (an index page's cursor and a count into it), so no hit
 * is shown twice or skipped, and `nextCursor` is absent only when no hit is left. A request reads
 * at most MAX_SCANNED hits: a page may then come back short, with a cursor to read on.
 */
export async function filteredSearch<T extends Doc>(
  store: ReadStore,
  collection: string,
  query: Omit<TextSearch, 'limit' | 'cursor'>,
  keep: (doc: T) => boolean,
  limit: number,
  cursor?: string,
): Promise<Page<SearchHit<T>>> {
  let at = cursor ? decode(cursor) : { page: null, skip: 0 };
  const kept: Array<SearchHit<T>> = [];
  let scanned = 0;
  for (;;) {
    const page = await store.search<T>(collection, { ...query, limit: BATCH, ...(at.page ? { cursor: at.page } : {}) });
    if (at.skip > page.items.length) throw new InvalidCursorError('The cursor is not one this search returned.');
    for (let i = at.skip; i < page.items.length; i++) {
      if (!keep(page.items[i].doc)) continue;
      // One kept hit past the page: there is more, and the next page starts at it.
      if (kept.length === limit) return { items: kept, nextCursor: encode({ page: at.page, skip: i }) };
      kept.push(page.items[i]);
    }
    scanned += page.items.length - at.skip;
    if (!page.nextCursor) return { items: kept };
    at = { page: page.nextCursor, skip: 0 };
    if (scanned >= MAX_SCANNED) return { items: kept, nextCursor: encode(at) };
  }
}

const encode = (resume: Resume) => Buffer.from(JSON.stringify([resume.page, resume.skip])).toString('base64url');

function decode(cursor: string): Resume {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && (value[0] === null || typeof value[0] === 'string') && Number.isInteger(value[1]) && value[1] >= 0 && value[1] < BATCH) {
      return { page: value[0], skip: value[1] };
    }
  } catch {
    /* refused below */
  }
  throw new InvalidCursorError('The cursor is not one this search returned.');
}
