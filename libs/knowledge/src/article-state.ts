import { ArticleContent, ArticleStatus } from './article';

export interface ArticleVersion {
  version: number;
  content: ArticleContent;
  at: string;
  by: string | null;
}

export interface Article {
  id: string;
  status: ArticleStatus;
  /** The newest version (what the editor shows). */
  version: number;
  content: ArticleContent;
  /** The version customers and agents read; null until first published. */
  publishedVersion: number | null;
  versions: ArticleVersion[];
  sourceTicketId: string | null;
  linkedTickets: string[];
  votes: Record<string, boolean>;
}

export type ArticleState = Article | null;
