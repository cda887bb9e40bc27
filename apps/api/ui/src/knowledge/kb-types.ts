/** The knowledge base as the API answers it (apps/api/src/knowledge). */

export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  articleId: string;
  language: string;
  audience: 'public' | 'internal';
  category: string;
  title: string;
  titleHighlighted: Segment[];
  snippet: Segment[];
}

export interface SuggestionsAnswer {
  sessionId: string;
  items: SearchHit[];
}

export interface RenderedTranslation {
  language: string;
  title: string;
  body: string;
  /** Sanitised on the server (markdown-it + sanitize-html): safe to insert. */
  html: string;
}

export interface ArticleRecord {
  id: string;
  status: 'draft' | 'published' | 'unpublished' | 'archived';
  version: number;
  audience: 'public' | 'internal';
  category: string;
  tags: string[];
  translations: Record<string, RenderedTranslation>;
  published?: { version: number; translations: Record<string, RenderedTranslation> } | null;
  versions?: Array<{ version: number; at: string; by: string | null; changed: string[] }>;
  helpful: number;
  notHelpful: number;
}

export const articleHref = (id: string, sessionId?: string) => `#/kb/${encodeURIComponent(id)}${sessionId ? `?s=${encodeURIComponent(sessionId)}` : ''}`;
/** The article's address for a reply: the public page on this helpdesk. */
export const articleUrl = (id: string) => `${location.origin}/${articleHref(id)}`;

/** The translation for `locale`, else English, else the first there is. */
export function translationFor(translations: Record<string, RenderedTranslation>, locale: string): RenderedTranslation | undefined {
  return translations[locale] ?? translations.en ?? Object.values(translations)[0];
}
