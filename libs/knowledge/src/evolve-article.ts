import { DatedArticleEvent } from './article-events';
import { Article, ArticleState } from './article-state';

/** Folds one event into the article. Pure. */
export function evolveArticle(state: ArticleState, event: DatedArticleEvent): ArticleState {
  if (event.type === 'ArticleDrafted') {
    const { articleId, content, sourceTicketId } = event.data;
    return {
      id: articleId,
      status: 'draft',
      version: 1,
      content,
      publishedVersion: null,
      versions: [{ version: 1, content, at: event.occurredAt, by: event.actorId ?? null }],
      sourceTicketId,
      linkedTickets: sourceTicketId ? [sourceTicketId] : [],
      votes: {},
    };
  }
  if (!state) return state;
  const article: Article = state;
  switch (event.type) {
    case 'ArticleEdited':
      return {
        ...article,
        version: event.data.version,
        content: event.data.content,
        versions: [...article.versions, { version: event.data.version, content: event.data.content, at: event.occurredAt, by: event.actorId ?? null }],
      };
    case 'ArticlePublished':
      return { ...article, status: 'published', publishedVersion: event.data.version };
    case 'ArticleUnpublished':
      return { ...article, status: 'unpublished' };
    case 'ArticleArchived':
      return { ...article, status: 'archived' };
    case 'ArticleLinkedToTicket':
      return { ...article, linkedTickets: [...article.linkedTickets, event.data.ticketId] };
    case 'ArticleVoted':
      return { ...article, votes: { ...article.votes, [event.data.voterId]: event.data.helpful } };
    case 'ArticleViewed':
      return article;
  }
}

export function foldArticle(events: DatedArticleEvent[], initial: ArticleState = null): ArticleState {
  return events.reduce(evolveArticle, initial);
}

/** The content of the version customers and agents read, or null while none is published. */
export function publishedContent(article: Article) {
  if (article.publishedVersion === null || article.status !== 'published') return null;
  return article.versions.find((v) => v.version === article.publishedVersion)?.content ?? null;
}
