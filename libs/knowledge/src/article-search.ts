import type { Page, ReadStore, SearchHit, TextSearch } from '@helpdesk/read-store';
import { ArticleContent, Audience } from './article';
import { Article } from './article-state';
import { publishedContent } from './evolve-article';
import { highlight, Segment, snippet } from './highlight';
import { markdownText } from './render-markdown';
import { withoutStopwords } from './stopwords';
import { indexText, normaliseText, queryGroups } from './urdu-normaliser';

/** The search read model: one document per published translation of an article. */
export const SEARCH_COLLECTION = 'kb_search';

export interface SearchDoc {
  _id: string;
  articleId: string;
  language: string;
  audience: Audience;
  category: string;
  tags: string[];
  title: string;
  /** The body as plain text (Markdown removed), for snippets. */
  text: string;
  /** Normalised for the index (urdu-normaliser.ts): the only fields searched. */
  searchTitle: string;
  searchBody: string;
  /** The whole normalised title: an exact title match ranks first. */
  exactTitle: string;
  publishedVersion: number;
  [field: string]: unknown;
}

export const searchDocId = (articleId: string, language: string) => `${articleId}:${language}`;

/** What an article puts into the search index: nothing unless published. */
export function searchDocuments(article: Article): SearchDoc[] {
  const content = publishedContent(article);
  return content ? searchDocumentsOf(article.id, content, article.publishedVersion!) : [];
}

/** The search documents of one published version of an article. */
export function searchDocumentsOf(articleId: string, content: ArticleContent, version: number): SearchDoc[] {
  return Object.values(content.translations).map((t) => {
    const text = markdownText(t.body);
    return {
      _id: searchDocId(articleId, t.language),
      articleId,
      language: t.language,
      audience: content.audience,
      category: content.category,
      tags: content.tags,
      title: t.title,
      text,
      searchTitle: indexText(t.title),
      searchBody: indexText(`${text} ${content.tags.join(' ')}`),
      exactTitle: normaliseText(t.title),
      publishedVersion: version,
    };
  });
}

/** Who is searching: customers (and anyone not signed in) see public articles only. */
export type Reader = 'customer' | 'staff';

export interface ArticleSearchRequest {
  text: string;
  reader: Reader;
  language?: string;
  category?: string;
  /** `any`: articles matching some of the words, best first (suggestions); default `all`. */
  match?: 'all' | 'any';
  limit?: number;
  cursor?: string;
}

export interface ArticleSearchResult {
  articleId: string;
  language: string;
  audience: Audience;
  category: string;
  title: string;
  titleHighlighted: Segment[];
  snippet: Segment[];
  score: number;
}

export const SEARCH_WEIGHTS = { searchTitle: 10, searchBody: 1 };

/** The store query for a request; the audience condition is never left to the caller. */
export function searchQuery(request: ArticleSearchRequest): TextSearch {
  const filter: Record<string, string> = {};
  if (request.reader !== 'staff') filter.audience = 'public';
  if (request.language) filter.language = request.language;
  if (request.category) filter.category = request.category;
  return {
    fields: SEARCH_WEIGHTS,
    groups: request.match === 'any' ? withoutStopwords(queryGroups(request.text)) : queryGroups(request.text),
    match: request.match ?? 'all',
    exact: { field: 'exactTitle', value: normaliseText(request.text) },
    stored: ['audience', 'language', 'category', 'exactTitle'],
    filter,
    limit: Math.min(50, Math.max(1, request.limit ?? 10)),
    cursor: request.cursor,
  };
}

export async function searchArticles(store: ReadStore, request: ArticleSearchRequest, collection = SEARCH_COLLECTION): Promise<Page<ArticleSearchResult>> {
  const query = searchQuery(request);
  if (query.groups.length === 0) return { items: [] };
  const page: Page<SearchHit<SearchDoc>> = await store.search<SearchDoc>(collection, query);
  // A second wall: whatever an adapter returned, a customer never sees an internal article.
  const visible = page.items.filter(({ doc }) => request.reader === 'staff' || doc.audience === 'public');
  return {
    items: visible.map(({ doc, score }) => ({
      articleId: doc.articleId,
      language: doc.language,
      audience: doc.audience,
      category: doc.category,
      title: doc.title,
      titleHighlighted: highlight(doc.title, query.groups),
      snippet: snippet(doc.text, query.groups),
      score,
    })),
    nextCursor: page.nextCursor,
  };
}
