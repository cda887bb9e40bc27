import { Actor } from '@helpdesk/ticketing';
import { ArticleContent } from './article';
import { ArticleEvent } from './article-events';
import { foldArticle, publishedContent } from './evolve-article';
import { given } from './testing/article-spec';

const agent: Actor = { id: 'sana', role: 'agent' };
const supervisor: Actor = { id: 'imran', role: 'supervisor' };
const admin: Actor = { id: 'root', role: 'admin' };
const customer: Actor = { id: 'ayesha', role: 'customer' };
const analyst: Actor = { id: 'omar', role: 'analyst' };

const v1: ArticleContent = { translations: { en: { language: 'en', title: 'Reset your password', body: 'Open **Settings**.' } }, tags: ['account'], category: 'accounts', audience: 'public' };
const drafted: ArticleEvent = { type: 'ArticleDrafted', data: { articleId: 'reset', version: 1, content: v1, sourceTicketId: null } };
const v2: ArticleContent = { ...v1, translations: { ...v1.translations, ur: { language: 'ur', title: 'پاس ورڈ بدلیں', body: 'ترتیبات کھولیں۔' } } };
const translated: ArticleEvent = { type: 'ArticleEdited', data: { version: 2, content: v2, changed: ['translation:ur:added'] } };
const published = (version: number): ArticleEvent => ({ type: 'ArticlePublished', data: { version } });

describe('articles: drafting', () => {
  it('an agent drafts an article', () =>
    given()
      .when({ type: 'DraftArticle', data: { articleId: 'reset', language: 'en', title: ' Reset your password ', body: 'Open **Settings**.', tags: ['Account', 'account'], category: 'accounts' } }, agent)
      .then([drafted]));

  it('a customer or an analyst cannot draft', () => {
    given().when({ type: 'DraftArticle', data: { articleId: 'x', language: 'en', title: 't', body: 'b' } }, customer).thenFails('not_allowed');
    given().when({ type: 'DraftArticle', data: { articleId: 'x', language: 'en', title: 't', body: 'b' } }, analyst).thenFails('not_allowed');
  });

  it('refuses an article without a title, with a bad language, audience or id, and a second draft of one id', () => {
    given().when({ type: 'DraftArticle', data: { articleId: 'x', language: 'en', title: '  ', body: 'b' } }, agent).thenFails('invalid_command', /title/);
    given().when({ type: 'DraftArticle', data: { articleId: 'x', language: 'english', title: 't', body: 'b' } }, agent).thenFails('invalid_command', /language/);
    given().when({ type: 'DraftArticle', data: { articleId: 'x', language: 'en', title: 't', body: 'b', audience: 'everyone' as never } }, agent).thenFails('invalid_command', /audience/);
    given().when({ type: 'DraftArticle', data: { articleId: 'a b', language: 'en', title: 't', body: 'b' } }, agent).thenFails('invalid_command', /articleId/);
    given(drafted).when({ type: 'DraftArticle', data: { articleId: 'reset', language: 'en', title: 't', body: 'b' } }, agent).thenFails('article_already_exists');
  });
});

describe('articles: editing keeps every version', () => {
  it('adding a translation is a new version holding both languages', () =>
    given(drafted).when({ type: 'EditArticle', data: { language: 'ur', title: 'پاس ورڈ بدلیں', body: 'ترتیبات کھولیں۔' } }, agent).then([translated]));

  it('an edit that changes nothing records nothing', () => given(drafted).when({ type: 'EditArticle', data: { language: 'en', title: 'Reset your password', tags: ['account'] } }, agent).then([]));

  it('an edit based on an older version is refused (someone edited meanwhile)', () =>
    given(drafted, translated).when({ type: 'EditArticle', data: { category: 'security', basedOnVersion: 1 } }, agent).thenFails('illegal_transition', /version 2/));

  it('the versions stay, and the published one is what readers get while the next is edited', () => {
    const article = foldArticle([drafted, published(1), translated].map((e) => ({ ...e, occurredAt: '2026-01-05T06:00:00.000Z' })))!;
    expect(article.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(article.status).toBe('published');
    expect(Object.keys(publishedContent(article)!.translations)).toEqual(['en']);
  });

  it('an archived article is not edited', () => given(drafted, { type: 'ArticleArchived', data: { reason: null } }).when({ type: 'EditArticle', data: { category: 'x' } }, agent).thenFails('illegal_transition', /archived/));
});

describe('articles: agents propose, supervisors and admins publish', () => {
  it('an agent cannot publish, unpublish or archive', () => {
    given(drafted).when({ type: 'PublishArticle', data: {} }, agent).thenFails('not_allowed');
    given(drafted, published(1)).when({ type: 'UnpublishArticle', data: {} }, agent).thenFails('not_allowed');
    given(drafted).when({ type: 'ArchiveArticle', data: {} }, agent).thenFails('not_allowed');
  });

  it('a supervisor publishes the newest version, an admin an older one', () => {
    given(drafted, translated).when({ type: 'PublishArticle', data: {} }, supervisor).then([published(2)]);
    given(drafted, translated).when({ type: 'PublishArticle', data: { version: 1 } }, admin).then([published(1)]);
    given(drafted).when({ type: 'PublishArticle', data: { version: 7 } }, admin).thenFails('invalid_command', /no version 7/);
    given(drafted, published(1)).when({ type: 'PublishArticle', data: {} }, admin).thenFails('illegal_transition', /already published/);
  });

  it('unpublishes a published article only, and archives once', () => {
    given(drafted, published(1)).when({ type: 'UnpublishArticle', data: { reason: 'outdated' } }, supervisor).then([{ type: 'ArticleUnpublished', data: { reason: 'outdated' } }]);
    given(drafted).when({ type: 'UnpublishArticle', data: {} }, supervisor).thenFails('illegal_transition');
    given(drafted, { type: 'ArticleArchived', data: { reason: null } }).when({ type: 'ArchiveArticle', data: {} }, admin).thenFails('illegal_transition');
  });
});

describe('articles: readers, links and votes', () => {
  const live = [drafted, published(1)];

  it('links a published article to a ticket once', () => {
    given(...live).when({ type: 'LinkArticleToTicket', data: { ticketId: 't-1' } }, agent).then([{ type: 'ArticleLinkedToTicket', data: { ticketId: 't-1' } }]);
    given(...live, { type: 'ArticleLinkedToTicket', data: { ticketId: 't-1' } }).when({ type: 'LinkArticleToTicket', data: { ticketId: 't-1' } }, agent).then([]);
    given(drafted).when({ type: 'LinkArticleToTicket', data: { ticketId: 't-1' } }, agent).thenFails('illegal_transition', /not published/);
  });

  it('a vote per person: the same vote again is nothing, the other one changes it', () => {
    given(...live).when({ type: 'VoteOnArticle', data: { helpful: true } }, customer).then([{ type: 'ArticleVoted', data: { voterId: 'ayesha', helpful: true, previous: null } }]);
    const voted: ArticleEvent = { type: 'ArticleVoted', data: { voterId: 'ayesha', helpful: true, previous: null } };
    given(...live, voted).when({ type: 'VoteOnArticle', data: { helpful: true } }, customer).then([]);
    given(...live, voted).when({ type: 'VoteOnArticle', data: { helpful: false } }, customer).then([{ type: 'ArticleVoted', data: { voterId: 'ayesha', helpful: false, previous: true } }]);
  });

  it('a customer never reaches an internal or unpublished article: it does not exist for them', () => {
    const internal: ArticleEvent = { type: 'ArticleDrafted', data: { articleId: 'int', version: 1, content: { ...v1, audience: 'internal' }, sourceTicketId: null } };
    given(internal, published(1)).when({ type: 'VoteOnArticle', data: { helpful: true } }, customer).thenFails('article_not_found');
    given(drafted).when({ type: 'ViewArticle', data: { language: 'en' } }, customer).thenFails('article_not_found');
    given(internal, published(1)).when({ type: 'ViewArticle', data: { language: 'en' } }, agent).then([{ type: 'ArticleViewed', data: { language: 'en', viewerRole: 'agent' } }]);
  });

  it('a view in a language the article lacks counts for the language shown', () =>
    given(...live).when({ type: 'ViewArticle', data: { language: 'ur' } }, customer).then([{ type: 'ArticleViewed', data: { language: 'en', viewerRole: 'customer' } }]));
});
