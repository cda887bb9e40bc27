import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Locale, translator } from '../i18n/i18n';
import { Highlighted } from './Highlighted';
import { articleHref, SearchHit, SuggestionsAnswer } from './kb-types';

export interface ArticleSuggestionsProps {
  api: ApiClient;
  /** What is being typed: a ticket's subject and description, a question. */
  text: string;
  locale: Locale;
  /** ticket_form (the web form), help_page, agent_ticket (an agent reading a ticket). */
  context: 'ticket_form' | 'help_page' | 'agent_ticket';
  ticketId?: string;
  /** The reader opened a suggestion (the default follows its link to the article page). */
  onOpen?: (hit: SearchHit, sessionId: string) => void;
  /** The session's id, once: the web form sends it to /kb/suggestions/:id/filed after filing. */
  onSession?: (sessionId: string) => void;
  /** Extra actions beside each suggestion (the agent's sidebar: link, send in a reply). */
  actions?: (hit: SearchHit) => preact.ComponentChildren;
  debounceMs?: number;
}

const newSessionId = () => `s-${crypto.randomUUID().replace(/-/g, '')}`;

/**
 * Suggested articles for what is being typed, self-contained: it asks POST /kb/suggestions
 * (which records what it suggested, for the deflection figures) a moment after typing stops,
 * and records an opened suggestion. Takes its strings from the UI catalogs in `locale`.
 */
export function ArticleSuggestions({ api, text, locale, context, ticketId, onOpen, onSession, actions, debounceMs = 350 }: ArticleSuggestionsProps) {
  const t = useMemo(() => translator(locale), [locale]);
  const sessionId = useMemo(newSessionId, []);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [failed, setFailed] = useState(false);
  const latest = useRef(0);

  useEffect(() => onSession?.(sessionId), [sessionId]);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 3) {
      setHits(null);
      return;
    }
    const ask = ++latest.current;
    const timer = setTimeout(async () => {
      try {
        const answer = await api.open<SuggestionsAnswer>('POST', '/kb/suggestions', { sessionId, context, text: query.slice(0, 2000), language: locale, ...(ticketId ? { ticketId } : {}) });
        if (ask === latest.current) (setHits(answer.items), setFailed(false));
      } catch {
        if (ask === latest.current) setFailed(true);
      }
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [api, text, locale, context, ticketId, sessionId, debounceMs]);

  const open = (hit: SearchHit, event: Event) => {
    void api.open('POST', `/kb/suggestions/${sessionId}/opened`, { articleId: hit.articleId }).catch(() => undefined);
    if (onOpen) {
      event.preventDefault();
      onOpen(hit, sessionId);
    }
  };

  if (hits === null && !failed) return null;
  return (
    <section class="kb-suggestions" aria-labelledby={`kb-suggestions-${sessionId}`} aria-live="polite">
      <h3 id={`kb-suggestions-${sessionId}`}>{t('kb.suggestions.title')}</h3>
      {failed ? (
        <p class="muted">{t('kb.suggestions.failed')}</p>
      ) : hits!.length === 0 ? (
        <p class="muted">{t('kb.suggestions.none')}</p>
      ) : (
        <ul>
          {hits!.map((hit) => (
            <li key={hit.articleId} lang={hit.language} dir="auto">
              {/* From the web form an article opens in its own tab, so what was typed is not lost. */}
              <a href={articleHref(hit.articleId, sessionId)} onClick={(e) => open(hit, e)} data-article={hit.articleId} {...(context === 'ticket_form' ? { target: '_blank', rel: 'noopener' } : {})}>
                <Highlighted segments={hit.titleHighlighted} />
              </a>
              {hit.audience === 'internal' && <span class="badge">{t('kb.audience', { audience: 'internal' })}</span>}
              <p class="snippet">
                <Highlighted segments={hit.snippet} />
              </p>
              {actions?.(hit)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
