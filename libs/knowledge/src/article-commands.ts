import { Audience } from './article';

export interface ArticleText {
  language: string;
  title: string;
  body: string;
}

export type ArticleCommand =
  | { type: 'DraftArticle'; data: ArticleText & { articleId: string; tags?: string[]; category?: string; audience?: Audience; sourceTicketId?: string | null } }
  /** Changes one language's text (adding the language when new) and/or the shared fields. */
  | { type: 'EditArticle'; data: Partial<ArticleText> & { tags?: string[]; category?: string; audience?: Audience; basedOnVersion?: number } }
  | { type: 'PublishArticle'; data: { version?: number } }
  | { type: 'UnpublishArticle'; data: { reason?: string | null } }
  | { type: 'ArchiveArticle'; data: { reason?: string | null } }
  | { type: 'LinkArticleToTicket'; data: { ticketId: string } }
  | { type: 'VoteOnArticle'; data: { helpful: boolean } }
  | { type: 'ViewArticle'; data: { language: string } };

export type ArticleCommandType = ArticleCommand['type'];
