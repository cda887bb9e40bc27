import { decideSuggestion, foldSuggestion } from './decide-suggestion';
import { SuggestionEvent } from './suggestion';

const suggested: SuggestionEvent = { type: 'ArticleSuggested', data: { sessionId: 'session-1', context: 'help_page', query: 'reset password', language: 'en', articleIds: ['reset', 'refund'], ticketId: null } };
const given = (...history: SuggestionEvent[]) => ({ when: (command: Parameters<typeof decideSuggestion>[0]) => decideSuggestion(command, foldSuggestion(history)) });

describe('suggestion sessions: measuring deflection', () => {
  it('records what was suggested, and not the same suggestions twice', () => {
    expect(given().when({ type: 'SuggestArticles', data: { sessionId: 'session-1', context: 'help_page', query: 'reset password', language: 'en', articleIds: ['reset', 'refund'] } })).toEqual([suggested]);
    expect(given(suggested).when({ type: 'SuggestArticles', data: { sessionId: 'session-1', context: 'help_page', query: 'reset passw', language: 'en', articleIds: ['refund'] } })).toEqual([]);
  });

  it('records a search that found nothing once, not again as the customer types on', () => {
    const nothing: SuggestionEvent = { type: 'NothingSuggested', data: { sessionId: 'session-1', context: 'help_page', query: 'zzz', language: 'en' } };
    expect(given().when({ type: 'SuggestArticles', data: { sessionId: 'session-1', context: 'help_page', query: ' zzz ', language: 'en', articleIds: [] } })).toEqual([nothing]);
    expect(given(nothing).when({ type: 'SuggestArticles', data: { sessionId: 'session-1', context: 'help_page', query: 'zzz top', language: 'en', articleIds: [] } })).toEqual([]);
    expect(given(nothing).when({ type: 'SuggestArticles', data: { sessionId: 'session-1', context: 'help_page', query: 'other', language: 'en', articleIds: [] } })).toHaveLength(1);
  });

  it('an opened suggestion that answered the question is a deflection, once', () => {
    const opened: SuggestionEvent = { type: 'SuggestedArticleOpened', data: { articleId: 'reset' } };
    expect(given(suggested).when({ type: 'OpenSuggestedArticle', data: { articleId: 'reset' } })).toEqual([opened]);
    expect(given(suggested, opened).when({ type: 'DeflectTicket', data: { articleId: 'reset' } })).toEqual([{ type: 'TicketDeflected', data: { articleId: 'reset' } }]);
    expect(given(suggested, opened, { type: 'TicketDeflected', data: { articleId: 'reset' } }).when({ type: 'DeflectTicket', data: { articleId: 'reset' } })).toEqual([]);
  });

  it('a ticket filed anyway is recorded, and then no deflection can be claimed', () => {
    const filed: SuggestionEvent = { type: 'TicketFiledAfterSuggestion', data: { ticketId: 't-9' } };
    expect(given(suggested).when({ type: 'FileTicketAfterSuggestion', data: { ticketId: 't-9' } })).toEqual([filed]);
    expect(() => given(suggested, filed).when({ type: 'DeflectTicket', data: { articleId: 'reset' } })).toThrow(/already filed/);
  });

  it('refuses articles that were not suggested, and sessions with bad ids or contexts', () => {
    expect(() => given(suggested).when({ type: 'OpenSuggestedArticle', data: { articleId: 'other' } })).toThrow(/not suggested/);
    expect(() => given().when({ type: 'SuggestArticles', data: { sessionId: 'x', context: 'help_page', query: 'q', language: 'en', articleIds: ['a'] } })).toThrow(/sessionId/);
    expect(() => given().when({ type: 'SuggestArticles', data: { sessionId: 'session-2', context: 'phone' as never, query: 'q', language: 'en', articleIds: ['a'] } })).toThrow(/context/);
    expect(() => given().when({ type: 'DeflectTicket', data: { articleId: 'a' } })).toThrow(/No articles/);
  });
});
