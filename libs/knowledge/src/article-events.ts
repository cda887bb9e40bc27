import { ArticleContent, Audience, Translation } from './article';

/**
 * Facts of an article's life. Each edit records the article's next version with the whole
 * content of that version, so every version can be shown and published again as it was.
 */
export type ArticleEvent =
  | { type: 'ArticleDrafted'; data: { articleId: string; version: 1; content: ArticleContent; sourceTicketId: string | null } }
  | { type: 'ArticleEdited'; data: { version: number; content: ArticleContent; changed: string[] } }
  | { type: 'ArticlePublished'; data: { version: number } }
  | { type: 'ArticleUnpublished'; data: { reason: string | null } }
  | { type: 'ArticleArchived'; data: { reason: string | null } }
  | { type: 'ArticleLinkedToTicket'; data: { ticketId: string } }
  | { type: 'ArticleVoted'; data: { voterId: string; helpful: boolean; previous: boolean | null } }
  | { type: 'ArticleViewed'; data: { language: string; viewerRole: string } };

export type ArticleEventType = ArticleEvent['type'];
export const ARTICLE_EVENT_TYPES: readonly ArticleEventType[] = [
  'ArticleDrafted',
  'ArticleEdited',
  'ArticlePublished',
  'ArticleUnpublished',
  'ArticleArchived',
  'ArticleLinkedToTicket',
  'ArticleVoted',
  'ArticleViewed',
];

export type DatedArticleEvent = ArticleEvent & { occurredAt: string; actorId?: string };

export type { ArticleContent, Audience, Translation };
