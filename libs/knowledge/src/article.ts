/** Who may read an article: everyone (customers included), or the support staff only. */
export const AUDIENCES = ['public', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

export type ArticleStatus = 'draft' | 'published' | 'unpublished' | 'archived';

/** One language's text of an article; the translations of one article share its id. */
export interface Translation {
  language: string;
  title: string;
  /** Markdown; rendered by render-markdown.ts, never inserted as HTML. */
  body: string;
}

/** What an article says and to whom, as of one version. */
export interface ArticleContent {
  translations: Record<string, Translation>;
  tags: string[];
  category: string;
  audience: Audience;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const TAGS_MAX = 20;
/** BCP 47 primary language subtags (en, ur, ar, pa, ...), optionally with a region. */
export const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export const articleStreamId = (articleId: string) => `article-${articleId}`;
export const ARTICLE_STREAM_PREFIX = 'article-';
export const ARTICLE_ID = /^[A-Za-z0-9_-]{1,64}$/;
