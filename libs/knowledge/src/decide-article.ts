import { Actor, isStaff } from '@helpdesk/ticketing';
import { ARTICLE_ID, ArticleContent, AUDIENCES, BODY_MAX, LANGUAGE, TAGS_MAX, TITLE_MAX, Translation } from './article';
import { ArticleCommand } from './article-commands';
import { ArticleEvent } from './article-events';
import { requireArticlePermission } from './article-permissions';
import { Article, ArticleState } from './article-state';
import { publishedContent } from './evolve-article';
import { articleNotFound, illegalArticle, invalidArticle, KnowledgeError } from './knowledge-error';

export interface ArticleDecisionContext {
  actor: Actor;
}

/** The article decider: the events a command records, or a KnowledgeError. Pure. */
export function decideArticle(command: ArticleCommand, state: ArticleState, ctx: ArticleDecisionContext): ArticleEvent[] {
  const { actor } = ctx;
  requireArticlePermission(command.type, actor);
  if (command.type === 'DraftArticle') {
    const { data } = command;
    if (!ARTICLE_ID.test(data.articleId ?? '')) throw invalidArticle('articleId must be 1-64 letters, digits, "-" or "_".');
    if (state) throw new KnowledgeError('article_already_exists', `Article ${data.articleId} already exists.`);
    const translation = requireTranslation(data.language, data.title, data.body);
    const content: ArticleContent = {
      translations: { [translation.language]: translation },
      tags: requireTags(data.tags ?? []),
      category: requireCategory(data.category ?? 'general'),
      audience: requireAudience(data.audience ?? 'public'),
    };
    return [{ type: 'ArticleDrafted', data: { articleId: data.articleId, version: 1, content, sourceTicketId: data.sourceTicketId ?? null } }];
  }
  if (!state) throw articleNotFound('(unknown)');
  const article: Article = state;
  // Customers never learn that an internal or unpublished article exists.
  if (!isStaff(actor.role) && !readableByCustomers(article)) throw articleNotFound(article.id);

  switch (command.type) {
    case 'EditArticle': {
      requireNot(article, 'archived', 'edited');
      const { data } = command;
      if (data.basedOnVersion !== undefined && data.basedOnVersion !== article.version) {
        throw illegalArticle(`Article ${article.id} is at version ${article.version}, not ${data.basedOnVersion}: someone edited it meanwhile; reload and edit again.`);
      }
      const content: ArticleContent = { ...article.content, translations: { ...article.content.translations } };
      const changed: string[] = [];
      if (data.language !== undefined || data.title !== undefined || data.body !== undefined) {
        const language = requireLanguage(data.language);
        const current = article.content.translations[language];
        const translation = requireTranslation(language, data.title ?? current?.title, data.body ?? current?.body);
        if (!current || current.title !== translation.title || current.body !== translation.body) {
          content.translations[language] = translation;
          changed.push(current ? `translation:${language}` : `translation:${language}:added`);
        }
      }
      if (data.tags !== undefined) {
        const tags = requireTags(data.tags);
        if (tags.join('\n') !== article.content.tags.join('\n')) (content.tags = tags), changed.push('tags');
      }
      if (data.category !== undefined) {
        const category = requireCategory(data.category);
        if (category !== article.content.category) (content.category = category), changed.push('category');
      }
      if (data.audience !== undefined) {
        const audience = requireAudience(data.audience);
        if (audience !== article.content.audience) (content.audience = audience), changed.push('audience');
      }
      if (changed.length === 0) return [];
      return [{ type: 'ArticleEdited', data: { version: article.version + 1, content, changed } }];
    }
    case 'PublishArticle': {
      requireNot(article, 'archived', 'published');
      const version = command.data.version ?? article.version;
      if (!article.versions.some((v) => v.version === version)) throw invalidArticle(`Article ${article.id} has no version ${version}.`);
      if (article.status === 'published' && article.publishedVersion === version) throw illegalArticle(`Version ${version} of article ${article.id} is already published.`);
      return [{ type: 'ArticlePublished', data: { version } }];
    }
    case 'UnpublishArticle':
      if (article.status !== 'published') throw illegalArticle(`Article ${article.id} is not published.`);
      return [{ type: 'ArticleUnpublished', data: { reason: optionalText(command.data.reason, 'reason') } }];
    case 'ArchiveArticle':
      requireNot(article, 'archived', 'archived again');
      return [{ type: 'ArticleArchived', data: { reason: optionalText(command.data.reason, 'reason') } }];
    case 'LinkArticleToTicket': {
      const ticketId = (command.data.ticketId ?? '').trim();
      if (!ticketId) throw invalidArticle('ticketId is required.');
      if (article.status !== 'published') throw illegalArticle(`Article ${article.id} is not published; only published articles are linked to tickets.`);
      if (article.linkedTickets.includes(ticketId)) return [];
      return [{ type: 'ArticleLinkedToTicket', data: { ticketId } }];
    }
    case 'VoteOnArticle': {
      if (typeof command.data.helpful !== 'boolean') throw invalidArticle('helpful must be true or false.');
      if (article.status !== 'published') throw illegalArticle(`Article ${article.id} is not published.`);
      const previous = article.votes[actor.id] ?? null;
      if (previous === command.data.helpful) return [];
      return [{ type: 'ArticleVoted', data: { voterId: actor.id, helpful: command.data.helpful, previous } }];
    }
    case 'ViewArticle': {
      const content = publishedContent(article);
      if (!content) throw illegalArticle(`Article ${article.id} is not published.`);
      const language = content.translations[command.data.language] ? command.data.language : Object.keys(content.translations)[0];
      return [{ type: 'ArticleViewed', data: { language, viewerRole: actor.role } }];
    }
  }
}

/** Customers read published, public articles only. */
export function readableByCustomers(article: Article): boolean {
  const content = publishedContent(article);
  return content !== null && content.audience === 'public';
}

function requireNot(article: Article, status: Article['status'], verb: string): void {
  if (article.status === status) throw illegalArticle(`Article ${article.id} is ${status} and cannot be ${verb}.`);
}

function requireLanguage(language: unknown): string {
  if (typeof language !== 'string' || !LANGUAGE.test(language)) throw invalidArticle('language must be a language code such as "en" or "ur".');
  return language;
}

function requireTranslation(language: unknown, title: unknown, body: unknown): Translation {
  const lang = requireLanguage(language);
  if (typeof title !== 'string' || !title.trim()) throw invalidArticle('title is required.');
  if (title.trim().length > TITLE_MAX) throw invalidArticle(`title is longer than ${TITLE_MAX} characters.`);
  if (typeof body !== 'string' || !body.trim()) throw invalidArticle('body is required.');
  if (body.length > BODY_MAX) throw invalidArticle(`body is longer than ${BODY_MAX} characters.`);
  return { language: lang, title: title.trim(), body };
}

function requireTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || !t.trim() || t.length > 50)) throw invalidArticle('tags must be a list of words of at most 50 characters.');
  const unique = [...new Set(tags.map((t: string) => t.trim().toLowerCase()))];
  if (unique.length > TAGS_MAX) throw invalidArticle(`at most ${TAGS_MAX} tags.`);
  return unique.sort();
}

function requireCategory(category: unknown): string {
  if (typeof category !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,39}$/.test(category)) throw invalidArticle('category must be 1-40 lower-case letters, digits, "-" or "_".');
  return category;
}

function requireAudience(audience: unknown) {
  if (!AUDIENCES.includes(audience as never)) throw invalidArticle('audience must be "public" or "internal".');
  return audience as (typeof AUDIENCES)[number];
}

function optionalText(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 2000) throw invalidArticle(`${field} must be text of at most 2000 characters.`);
  return value;
}
