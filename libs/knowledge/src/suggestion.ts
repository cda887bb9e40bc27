/**
 * A suggestion session: the articles suggested to one person writing one ticket (on the web
 * form, the help page, or an agent reading a ticket), and what became of it. Its own stream,
 * `suggestion-<id>`, so deflection is measured from facts: suggested, opened, deflected (the
 * customer did not file), or filed anyway.
 */
export const SUGGESTION_CONTEXTS = ['ticket_form', 'help_page', 'agent_ticket'] as const;
export type SuggestionContext = (typeof SUGGESTION_CONTEXTS)[number];

export type SuggestionEvent =
  | { type: 'ArticleSuggested'; data: { sessionId: string; context: SuggestionContext; query: string; language: string; articleIds: string[]; ticketId: string | null } }
  /** Searched and found nothing: the knowledge base's gaps ("top searches with no result"). */
  | { type: 'NothingSuggested'; data: { sessionId: string; context: SuggestionContext; query: string; language: string } }
  | { type: 'SuggestedArticleOpened'; data: { articleId: string } }
  | { type: 'TicketDeflected'; data: { articleId: string } }
  | { type: 'TicketFiledAfterSuggestion'; data: { ticketId: string } };

export type SuggestionCommand =
  | { type: 'SuggestArticles'; data: { sessionId: string; context: SuggestionContext; query: string; language: string; articleIds: string[]; ticketId?: string | null } }
  | { type: 'OpenSuggestedArticle'; data: { articleId: string } }
  | { type: 'DeflectTicket'; data: { articleId: string } }
  | { type: 'FileTicketAfterSuggestion'; data: { ticketId: string } };

export interface SuggestionState {
  sessionId: string;
  context: SuggestionContext;
  /** The last query that found nothing, so typing on does not record the same gap twice. */
  lastEmptyQuery: string | null;
  suggested: string[];
  opened: string[];
  deflectedBy: string | null;
  filedTicketId: string | null;
}

export const suggestionStreamId = (sessionId: string) => `suggestion-${sessionId}`;
export const SUGGESTION_STREAM_PREFIX = 'suggestion-';
export const SUGGESTION_EVENT_TYPES: readonly SuggestionEvent['type'][] = ['ArticleSuggested', 'NothingSuggested', 'SuggestedArticleOpened', 'TicketDeflected', 'TicketFiledAfterSuggestion'];
export const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;
