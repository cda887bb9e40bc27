import { useRef, useState } from 'preact/hooks';
import { CATEGORIES, Category, Language, LANGUAGES, OPEN_STATUSES, Page, PRIORITIES, Priority, QueueCounts, QueueItem, Status } from '../api/types';
import { useApp } from '../app-context';
import { useLatest, useLive } from '../live';
import { LiveNotice } from '../live-notice';
import { useTitle } from '../route';
import { problemText } from './problem-text';
import { QueueTable } from './QueueTable';

export const POLL_MS = 2500;
const PAGE = 25;

type View = 'mine' | 'unassigned' | 'team' | 'all';
export interface Filters {
  status?: Status;
  priority?: Priority;
  category?: Category;
  language?: Language;
}
type Facet = keyof Filters;

const FACETS: Array<{ facet: Facet; values: readonly string[]; label: (v: string) => Record<string, string> }> = [
  { facet: 'status', values: OPEN_STATUSES, label: (v) => ({ status: v }) },
  { facet: 'priority', values: PRIORITIES, label: (v) => ({ priority: v }) },
  { facet: 'category', values: CATEGORIES, label: (v) => ({ category: v }) },
  { facet: 'language', values: LANGUAGES, label: (v) => ({ language: v }) },
];

/** The agent's queues: views and filters with counts, kept live by polling the query side. */
/** Whether counting stopped at the server's cap for this count: there are at least that many. */
const atCap = (counts: QueueCounts | null, count: number) => counts?.countCap != null && count >= counts.countCap;

export function QueuePage() {
  const { api, user, t, fmt, announce } = useApp();
  const teams = user.teams;
  const [view, setView] = useState<View>(user.role === 'agent' ? 'mine' : 'all');
  const [team, setTeam] = useState<string | undefined>(teams[0]);
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState<Page<QueueItem> | null>(null);
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [liveAt, setLiveAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seen = useRef<Set<string> | null>(null);
  const latest = useLatest();

  useTitle(`${t('queue.title')} · ${t('app.title')}`);
  const params = { view, team: view === 'team' ? team : undefined, ...filters };

  // Reloaded when a ticket changes (pushed), polled only while the stream is down.
  const liveState = useLive(
    async () => {
      const current = latest();
      try {
        const [nextPage, nextCounts] = await Promise.all([
          api.query<Page<QueueItem>>('/queue', { ...params, limit: String(Math.min(shown, 100)) }),
          api.query<QueueCounts>('/queue/counts', { ...params }),
        ]);
        if (!current()) return;
        const ids = new Set(nextPage.items.map((i) => i.id));
        if (seen.current) {
          const arrived = [...ids].filter((id) => !seen.current!.has(id)).length;
          if (arrived > 0) announce(t('queue.newArrivals', { count: arrived }));
        }
        seen.current = ids;
        setPage(nextPage);
        setCounts(nextCounts);
        setLiveAt(new Date());
        setError(null);
      } catch (e) {
        if (current()) setError(problemText(t, e));
      }
    },
    (m) => m.event === 'ticket',
    [view, team, filters.status, filters.priority, filters.category, filters.language, shown, t],
    { pollMs: POLL_MS },
  );

  const choose = (next: View) => {
    seen.current = null;
    setView(next);
    setShown(PAGE);
  };
  const filter = (facet: Facet, value: string) => {
    seen.current = null;
    setFilters((f) => ({ ...f, [facet]: value || undefined }));
    setShown(PAGE);
  };
  const views: View[] = teams.length ? ['mine', 'unassigned', 'team', 'all'] : ['mine', 'unassigned', 'all'];

  return (
    <section aria-labelledby="queue-title">
      <div class="title-row">
        <h1 id="queue-title">{t('queue.title')}</h1>
        <p class="live" aria-live="off" data-live={liveState}>
          {error ? t('queue.liveStale', { detail: error }) : liveAt ? t('queue.live', { time: fmt.time(liveAt, fmt.timeZone) }) : t('app.loading')}
        </p>
      </div>
      <LiveNotice state={liveState} />

      <div role="group" aria-label={t('queue.views')} class="views">
        {views.map((v) => {
          const label = t('queue.view', { view: v });
          const count = counts?.views[v];
          return (
            <button type="button" key={v} aria-pressed={view === v} class={view === v ? 'tab current' : 'tab'} onClick={() => choose(v)}>
              {count === undefined ? label : t(atCap(counts, count) ? 'queue.viewCount.more' : 'queue.viewCount', { label, count })}
            </button>
          );
        })}
        {view === 'team' && teams.length > 1 && (
          <label class="inline">
            <span>{t('queue.team')}</span>
            <select value={team} onChange={(e) => ((seen.current = null), setTeam((e.currentTarget as HTMLSelectElement).value))}>
              {teams.map((name) => (
                <option value={name} key={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      <fieldset class="filters">
        <legend>{t('queue.filters')}</legend>
        {FACETS.map(({ facet, values, label }) => (
          <label key={facet}>
            <span>{t(`queue.filter.${facet}`)}</span>
            <select name={facet} value={filters[facet] ?? ''} onChange={(e) => filter(facet, (e.currentTarget as HTMLSelectElement).value)}>
              <option value="">{t('queue.filter.any')}</option>
              {values.map((v) => {
                const name = t(facet, label(v));
                const count = counts?.facets[facet]?.[v];
                return (
                  <option value={v} key={v}>
                    {count === undefined ? name : t(atCap(counts, count) ? 'queue.filter.option.more' : 'queue.filter.option', { label: name, count })}
                  </option>
                );
              })}
            </select>
          </label>
        ))}
        <button type="button" class="secondary" onClick={() => ((seen.current = null), setFilters({}))} disabled={Object.values(filters).every((v) => !v)}>
          {t('queue.filter.clear')}
        </button>
      </fieldset>

      {page && <QueueTable page={page} />}
      {page?.nextCursor && shown < 100 && (
        <button type="button" class="secondary more" onClick={() => setShown((n) => n + PAGE)}>
          {t('queue.more')}
        </button>
      )}
    </section>
  );
}
