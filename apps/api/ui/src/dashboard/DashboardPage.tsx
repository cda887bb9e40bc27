import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { useLatest } from '../live';
import { LiveNotice } from '../live-notice';
import { useNames } from '../names/use-names';
import { useTitle } from '../route';
import '../analytics/figures.css';
import { figureFormats } from '../analytics/figure-formats';
import { FigurePanel } from '../analytics/FigurePanel';
import { dashboardFigures } from './dashboard-figures';
import { DashboardData, loadDashboard } from './dashboard-data';
import { useDashboardRefresh } from './use-dashboard-refresh';
import { SatisfactionFacts } from './SatisfactionFacts';

const VIEWERS = new Set(['supervisor', 'admin']);

/**
 * The supervisor dashboard: backlog by status and age, SLA at risk and breached, workload and
 * first-response times per agent, satisfaction; each a chart with its table, kept current.
 */
export function DashboardPage() {
  const { api, user, t, fmt, locale } = useApp();
  const [data, setData] = useState<DashboardData | null>(null);
  const [at, setAt] = useState<Date | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatest();
  const nameOf = useNames();
  useTitle(`${t('dashboard.title')} · ${t('app.title')}`);
  const allowed = VIEWERS.has(user.role);
  const f = useMemo(() => figureFormats(locale, t), [locale, t]);

  const liveState = useDashboardRefresh(async () => {
    if (!allowed) return;
    const current = latest();
    try {
      const next = await loadDashboard(api, new Date());
      if (!current()) return;
      setData(next);
      setAt(new Date());
      setError(null);
    } catch (e) {
      if (current()) setError(problemText(t, e));
    }
  }, [api, allowed, t]);

  const figures = data ? dashboardFigures(data, t, f, nameOf) : [];
  return (
    <section aria-labelledby="dashboard-title" class="dashboard">
      <div class="title-row">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        {allowed && (
          <p class="live" aria-live="off">
            {error && data ? t('dashboard.stale', { detail: error }) : at ? t('dashboard.updated', { time: fmt.time(at, fmt.timeZone) }) : t('app.loading')}
          </p>
        )}
      </div>
      {!allowed ? (
        <p class="notice">{t('dashboard.forbidden')}</p>
      ) : (
        <>
          <p class="muted">{t('dashboard.intro')}</p>
          <LiveNotice state={liveState} />
          {error && !data && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          {data && (
            <div class="figure-grid">
              {figures.map((figure) => (
                <FigurePanel figure={figure} key={figure.id}>
                  {figure.id === 'csat' && <SatisfactionFacts summary={data.satisfaction} formats={f} />}
                </FigurePanel>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
