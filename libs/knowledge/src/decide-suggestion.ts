import { SESSION_ID, SUGGESTION_CONTEXTS, SuggestionCommand, SuggestionEvent, SuggestionState } from './suggestion';
import { illegalArticle, invalidArticle, KnowledgeError } from './knowledge-error';

/** The suggestion-session decider. Pure. */
export function decideSuggestion(command: SuggestionCommand, state: SuggestionState | null): SuggestionEvent[] {
  if (command.type === 'SuggestArticles') {
    const { data } = command;
    if (!SESSION_ID.test(data.sessionId ?? '')) throw invalidArticle('sessionId must be 8-64 letters, digits, "-" or "_".');
    if (!SUGGESTION_CONTEXTS.includes(data.context)) throw invalidArticle(`context must be one of ${SUGGESTION_CONTEXTS.join(', ')}.`);
    if (state && state.context !== data.context) throw illegalArticle(`Suggestion session ${data.sessionId} belongs to ${state.context}.`);
    if (state?.filedTicketId || state?.deflectedBy) return [];
    const query = data.query.trim().slice(0, 200);
    if (data.articleIds.length === 0) {
      if (!query || state?.lastEmptyQuery === query || state?.lastEmptyQuery && query.startsWith(state.lastEmptyQuery)) return [];
      return [{ type: 'NothingSuggested', data: { sessionId: data.sessionId, context: data.context, query, language: data.language } }];
    }
    const last = state?.suggested ?? [];
    // The same suggestions again (the customer typed on, the ranking stayed) are not a new fact.
    if (state && data.articleIds.every((id) => last.includes(id))) return [];
    return [{ type: 'ArticleSuggested', data: { sessionId: data.sessionId, context: data.context, query, language: data.language, articleIds: data.articleIds, ticketId: data.ticketId ?? null } }];
  }
  if (!state || (state.suggested.length === 0 && command.type !== 'FileTicketAfterSuggestion')) throw new KnowledgeError('article_not_found', 'No articles were suggested in this session.');
  switch (command.type) {
    case 'OpenSuggestedArticle':
      requireSuggested(state, command.data.articleId);
      return state.opened.includes(command.data.articleId) ? [] : [{ type: 'SuggestedArticleOpened', data: { articleId: command.data.articleId } }];
    case 'DeflectTicket':
      requireSuggested(state, command.data.articleId);
      if (state.filedTicketId) throw illegalArticle(`A ticket (${state.filedTicketId}) was already filed in this session.`);
      if (state.deflectedBy) return [];
      return [{ type: 'TicketDeflected', data: { articleId: command.data.articleId } }];
    case 'FileTicketAfterSuggestion':
      if (state.filedTicketId) return [];
      return [{ type: 'TicketFiledAfterSuggestion', data: { ticketId: command.data.ticketId } }];
  }
}

function requireSuggested(state: SuggestionState, articleId: string): void {
  if (!state.suggested.includes(articleId)) throw invalidArticle(`Article ${articleId} was not suggested in this session.`);
}

export function evolveSuggestion(state: SuggestionState | null, event: SuggestionEvent): SuggestionState | null {
  switch (event.type) {
    case 'NothingSuggested':
      return { ...(state ?? { sessionId: event.data.sessionId, context: event.data.context, suggested: [], opened: [], deflectedBy: null, filedTicketId: null }), lastEmptyQuery: event.data.query };
    case 'ArticleSuggested':
      return {
        sessionId: event.data.sessionId,
        context: event.data.context,
        lastEmptyQuery: null,
        suggested: [...new Set([...(state?.suggested ?? []), ...event.data.articleIds])],
        opened: state?.opened ?? [],
        deflectedBy: state?.deflectedBy ?? null,
        filedTicketId: state?.filedTicketId ?? null,
      };
    case 'SuggestedArticleOpened':
      return state && { ...state, opened: [...state.opened, event.data.articleId] };
    case 'TicketDeflected':
      return state && { ...state, deflectedBy: event.data.articleId };
    case 'TicketFiledAfterSuggestion':
      return state && { ...state, filedTicketId: event.data.ticketId };
  }
}

export const foldSuggestion = (events: SuggestionEvent[]) => events.reduce(evolveSuggestion, null as SuggestionState | null);
