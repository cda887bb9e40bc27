import { StoredEvent } from '@helpdesk/event-store';
import {
  ARTICLE_EVENT_TYPES,
  ARTICLE_STREAM_PREFIX,
  ArticleContent,
  ArticleEvent,
  ArticleStatus,
  normaliseText,
  renderMarkdown,
  SEARCH_COLLECTION,
  searchDocumentsOf,
  SUGGESTION_EVENT_TYPES,
  SUGGESTION_STREAM_PREFIX,
  SuggestionContext,
  SuggestionEvent,
} from '@helpdesk/knowledge';
import { Projection, ProjectionUnitOfWork } from '@helpdesk/projection-engine';
import { Doc } from '@helpdesk/read-store';

export const KNOWLEDGE = 'knowledge';
export const KB_ARTICLES = 'kb_articles';
export const KB_VERSIONS = 'kb_article_versions';
export const KB_TICKET_LINKS = 'kb_ticket_links';
export const KB_SESSIONS = 'kb_suggestion_sessions';
export const KB_NO_RESULTS = 'kb_no_results';
export { SEARCH_COLLECTION as KB_SEARCH };

export interface RenderedTranslation {
  language: string;
  title: string;
  body: string;
  /** Sanitised HTML of the Markdown body (render-markdown.ts). */
  html: string;
}

/** An article as editors and readers see it: the newest version and the published one. */
export interface ArticleView extends Doc {
  status: ArticleStatus;
  version: number;
  audience: ArticleContent['audience'];
  category: string;
  tags: string[];
  /** The newest version's translations (the editor's). */
  translations: Record<string, RenderedTranslation>;
  /** What readers get; null until published, and while unpublished or archived. */
  published: { version: number; audience: ArticleContent['audience']; category: string; tags: string[]; translations: Record<string, RenderedTranslation> } | null;
  versions: Array<{ version: number; at: string; by: string | null; changed: string[] }>;
  sourceTicketId: string | null;
  views: number;
  links: number;
  helpful: number;
  notHelpful: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  revision: number;
}

export interface ArticleVersionView extends Doc {
  articleId: string;
  version: number;
  content: ArticleContent;
}

export interface TicketLinksView extends Doc {
  articles: Array<{ articleId: string; title: Record<string, string>; linkedAt: string; by: string | null }>;
}

export interface SuggestionSessionView extends Doc {
  context: SuggestionContext;
  suggested: boolean;
  opened: number;
  deflected: boolean;
  filed: boolean;
  startedAt: string;
}

export interface NoResultView extends Doc {
  query: string;
  language: string;
  count: number;
  lastAt: string;
}

const ARTICLE_TYPES = new Set<string>(ARTICLE_EVENT_TYPES);
const SUGGESTION_TYPES = new Set<string>(SUGGESTION_EVENT_TYPES);

const rendered = (content: ArticleContent): Record<string, RenderedTranslation> =>
  Object.fromEntries(Object.values(content.translations).map((t) => [t.language, { ...t, html: renderMarkdown(t.body) }]));

/**
 * `knowledge`: articles (newest and published versions, rendered), their versions, the search
 * index (one document per published translation, normalised), links from tickets, suggestion
 * sessions and the searches that found nothing.
 */
export function knowledgeProjection(): Projection {
  return {
    name: KNOWLEDGE,
    version: 1,
    collections: [
      { name: KB_ARTICLES, indexes: [{ name: 'status_updated', keys: [['status', 1], ['updatedAt', -1]] }, { name: 'views', keys: [['views', -1]] }, { name: 'links', keys: [['links', -1]] }] },
      { name: KB_VERSIONS, indexes: [{ name: 'article', keys: [['articleId', 1], ['version', 1]] }] },
      { name: SEARCH_COLLECTION, indexes: [{ name: 'article', keys: [['articleId', 1]] }] },
      { name: KB_TICKET_LINKS, indexes: [] },
      { name: KB_SESSIONS, indexes: [{ name: 'outcome', keys: [['suggested', 1], ['deflected', 1], ['filed', 1]] }] },
      { name: KB_NO_RESULTS, indexes: [{ name: 'count', keys: [['count', -1]] }] },
    ],
    async apply(stored: StoredEvent, uow: ProjectionUnitOfWork) {
      const at = (stored.metadata.occurredAt as string | undefined) ?? stored.recordedAt.toISOString();
      const by = (stored.metadata.actor as { id?: string } | undefined)?.id ?? null;
      if (stored.streamId.startsWith(ARTICLE_STREAM_PREFIX) && ARTICLE_TYPES.has(stored.type)) {
        await applyArticle(stored.streamId.slice(ARTICLE_STREAM_PREFIX.length), { type: stored.type, data: stored.data } as ArticleEvent, stored, uow, at, by);
      } else if (stored.streamId.startsWith(SUGGESTION_STREAM_PREFIX) && SUGGESTION_TYPES.has(stored.type)) {
        await applySuggestion(stored.streamId.slice(SUGGESTION_STREAM_PREFIX.length), { type: stored.type, data: stored.data } as SuggestionEvent, stored, uow, at);
      }
    },
  };
}

async function applyArticle(id: string, event: ArticleEvent, stored: StoredEvent, uow: ProjectionUnitOfWork, at: string, by: string | null) {
  const change = (f: (doc: ArticleView) => ArticleView | undefined) =>
    uow.update<ArticleView>(KB_ARTICLES, id, stored, (doc) => {
      if (!doc) return undefined;
      const next = f(doc);
      return next && { ...next, updatedAt: at, revision: stored.revision };
    });
  const saveVersion = (version: number, content: ArticleContent) =>
    uow.update<ArticleVersionView>(KB_VERSIONS, `${id}:${version}`, stored, () => ({ _id: `${id}:${version}`, articleId: id, version, content }));
  const unlist = async (doc: ArticleView | null) => {
    for (const language of Object.keys(doc?.published?.translations ?? {})) await uow.update(SEARCH_COLLECTION, `${id}:${language}`, stored, () => null);
  };

  switch (event.type) {
    case 'ArticleDrafted': {
      const { content } = event.data;
      await saveVersion(1, content);
      await uow.update<ArticleView>(KB_ARTICLES, id, stored, (doc) =>
        doc ?? {
          _id: id,
          status: 'draft',
          version: 1,
          audience: content.audience,
          category: content.category,
          tags: content.tags,
          translations: rendered(content),
          published: null,
          versions: [{ version: 1, at, by, changed: ['drafted'] }],
          sourceTicketId: event.data.sourceTicketId,
          views: 0,
          links: 0,
          helpful: 0,
          notHelpful: 0,
          createdAt: at,
          updatedAt: at,
          publishedAt: null,
          revision: stored.revision,
        },
      );
      return;
    }
    case 'ArticleEdited': {
      const { content, version, changed } = event.data;
      await saveVersion(version, content);
      await change((doc) => ({ ...doc, version, audience: content.audience, category: content.category, tags: content.tags, translations: rendered(content), versions: [...doc.versions, { version, at, by, changed }] }));
      return;
    }
    case 'ArticlePublished': {
      const version = await uow.get<ArticleVersionView>(KB_VERSIONS, `${id}:${event.data.version}`);
      if (!version) return;
      const { content } = version;
      await unlist(await uow.get<ArticleView>(KB_ARTICLES, id));
      for (const doc of searchDocumentsOf(id, content, event.data.version)) await uow.update(SEARCH_COLLECTION, doc._id, stored, () => doc);
      await change((doc) => ({ ...doc, status: 'published', published: { version: event.data.version, audience: content.audience, category: content.category, tags: content.tags, translations: rendered(content) }, publishedAt: at }));
      return;
    }
    case 'ArticleUnpublished':
    case 'ArticleArchived': {
      await unlist(await uow.get<ArticleView>(KB_ARTICLES, id));
      await change((doc) => ({ ...doc, status: event.type === 'ArticleArchived' ? 'archived' : 'unpublished', published: null }));
      return;
    }
    case 'ArticleLinkedToTicket': {
      const article = await uow.get<ArticleView>(KB_ARTICLES, id);
      const title = Object.fromEntries(Object.values(article?.published?.translations ?? article?.translations ?? {}).map((t) => [t.language, t.title]));
      await uow.update<TicketLinksView>(KB_TICKET_LINKS, event.data.ticketId, stored, (doc) => ({
        _id: event.data.ticketId,
        articles: [...(doc?.articles ?? []).filter((a) => a.articleId !== id), { articleId: id, title, linkedAt: at, by }],
      }));
      await change((doc) => ({ ...doc, links: doc.links + 1 }));
      return;
    }
    case 'ArticleVoted': {
      const { helpful, previous } = event.data;
      await change((doc) => ({
        ...doc,
        helpful: doc.helpful + (helpful ? 1 : 0) - (previous === true ? 1 : 0),
        notHelpful: doc.notHelpful + (helpful ? 0 : 1) - (previous === false ? 1 : 0),
      }));
      return;
    }
    case 'ArticleViewed':
      await change((doc) => ({ ...doc, views: doc.views + 1 }));
      return;
  }
}

async function applySuggestion(sessionId: string, event: SuggestionEvent, stored: StoredEvent, uow: ProjectionUnitOfWork, at: string) {
  if (event.type === 'NothingSuggested') {
    const key = `${event.data.language}:${normaliseText(event.data.query)}`.slice(0, 200);
    await uow.update<NoResultView>(KB_NO_RESULTS, key, stored, (doc) => ({ _id: key, query: doc?.query ?? event.data.query, language: event.data.language, count: (doc?.count ?? 0) + 1, lastAt: at }));
  }
  await uow.update<SuggestionSessionView>(KB_SESSIONS, sessionId, stored, (doc) => {
    const session: SuggestionSessionView = doc ?? { _id: sessionId, context: 'help_page', suggested: false, opened: 0, deflected: false, filed: false, startedAt: at };
    switch (event.type) {
      case 'ArticleSuggested':
        return { ...session, context: event.data.context, suggested: true };
      case 'NothingSuggested':
        return { ...session, context: event.data.context };
      case 'SuggestedArticleOpened':
        return { ...session, opened: session.opened + 1 };
      case 'TicketDeflected':
        return { ...session, deflected: true };
      case 'TicketFiledAfterSuggestion':
        return { ...session, filed: true };
    }
  });
}
