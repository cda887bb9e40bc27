import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { Highlighted } from '../knowledge/Highlighted';
import { useNames } from '../names/use-names';
import { ticketHref, useTitle } from '../route';
import { TicketHit, TicketHits } from './search-types';
import './search.css';

const PAGE = 20;

/**
 * Tickets matching the words, best first, within the viewer's reach (the API decides: customers
 * get their own tickets and never a match in an internal note). The words found are marked; the
 * count is announced; "Show more" reads the next page and moves the focus to its first result.
 */
export function SearchPage({ q }: { q: string }) {
  const { api, t, fmt, user } = useApp();
  const nameOf = useNames();
  const staff = user.role !== 'customer';
  const [hits, setHits] = useState<TicketHit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstNew = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useTitle(`${t('search.title')} · ${t('app.title')}`);

  useEffect(() => {
    let current = true;
    setHits(null);
    setNext(null);
    setError(null);
    if (!q.trim()) {
      setHits([]);
      return;
    }
    api
      .query<TicketHits>('/search/tickets', { q, limit: String(PAGE) })
      .then((page) => {
        if (!current) return;
        setHits(page.items);
        setNext(page.nextCursor);
      })
      .catch((e) => current && (setError(problemText(t, e)), setHits([])));
    return () => {
      current = false;
    };
  }, [api, q]);

  // After "Show more", the first new result takes the focus (keyboard users continue from there).
  useEffect(() => {
    if (!firstNew.current) return;
    list.current?.querySelector<HTMLAnchorElement>(`li[data-id="${firstNew.current}"] a`)?.focus();
    firstNew.current = null;
  }, [hits]);

  const more = async () => {
    if (!next || busy) return;
    setBusy(true);
    try {
      const page = await api.query<TicketHits>('/search/tickets', { q, limit: String(PAGE), cursor: next });
      firstNew.current = page.items[0]?.id ?? null;
      setHits((shown) => [...(shown ?? []), ...page.items]);
      setNext(page.nextCursor);
    } catch (e) {
      setError(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="search-page" aria-labelledby="search-title" aria-busy={hits === null || busy}>
      <h1 id="search-title" dir="auto">
        {q.trim() ? t('search.heading', { q: q.trim() }) : t('search.title')}
      </h1>
      {!q.trim() && <p>{t('search.prompt')}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="search-count">
        {hits === null ? t('app.loading') : q.trim() ? t('search.found', { count: hits.length, more: next !== null }) : ''}
      </p>
      {hits && hits.length > 0 && (
        <ol class="search-results" aria-label={t('search.results')} ref={list}>
          {hits.map((hit) => (
            <li key={hit.id} data-id={hit.id} data-ticket={hit.number} class="card">
              <h2>
                <a href={ticketHref(hit.id)}>
                  <span dir="ltr">{hit.number}</span> <bdi>
                    <Highlighted segments={hit.subjectHighlighted} />
                  </bdi>
                </a>
              </h2>
              <dl class="search-meta">
                <div>
                  <dt>{t('search.status')}</dt>
                  <dd>{t('status', { status: hit.status })}</dd>
                </div>
                {staff && (
                  <div>
                    <dt>{t('search.customer')}</dt>
                    <dd dir="auto" data-field="customer">
                      <Highlighted segments={hit.customerNameHighlighted} />
                    </dd>
                  </div>
                )}
                {staff && (
                  <div>
                    <dt>{t('search.assignee')}</dt>
                    <dd dir="auto" data-field="assignee">
                      {hit.assigneeId ? nameOf(hit.assigneeId) : t('ticket.unassigned')}
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t('search.submitted')}</dt>
                  <dd>
                    <time dateTime={hit.submittedAt}>{fmt.dateTime(hit.submittedAt)}</time>
                  </dd>
                </div>
              </dl>
              <p class="snippet" dir="auto">
                <Highlighted segments={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void more()}>
          {t('search.more')}
        </button>
      )}
    </section>
  );
}
