import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { useLatest } from '../live';
import { useNames } from '../names/use-names';
import { useTitle } from '../route';
import './figures.css';
import './analytics.css';
import { AnalyticsData, byValue, overTime, TOP_VALUES } from './analytics-figures';
import { AnalyticsChoice, AnalyticsControls } from './AnalyticsControls';
import { daysBetween, isDay, lastDays } from './date-range';
import { ExportLinks } from './ExportLinks';
import { figureFormats } from './figure-formats';
import { FigurePanel } from './FigurePanel';
import { DailyFigures, MetricSeries, MetricSummary, WeeklyFigures } from './metric-types';

const READERS = new Set(['supervisor', 'auditor', 'analyst', 'admin']);
const MAX_DAYS = 366;

/**
 * The analyst screen: a metric from the metrics projection, broken down by a dimension over a
 * range, per day or week; a chart over time and a chart per value, each with its table; and the
 * downloads (the figures shown, whole collections from the export feed).
 */
export function AnalyticsPage() {
  const { api, user, t, locale } = useApp();
  useTitle(`${t('dashboard.analytics.title')} · ${t('app.title')}`);
  const allowed = READERS.has(user.role);
  const f = useMemo(() => figureFormats(locale, t), [locale, t]);
  const [choice, setChoice] = useState<AnalyticsChoice>(() => ({ metric: 'ticketsIn', dimension: 'all', range: '30', granularity: 'day', ...lastDays(new Date(), 30) }));
  const [data, setData] = useState<AnalyticsData | null>(null);
  const nameOf = useNames();
  const [error, setError] = useState<string | null>(null);
  const latest = useLatest();

  const range = choice.range === 'custom' ? { from: choice.from, to: choice.to } : lastDays(new Date(), Number(choice.range));
  const rangeError =
    choice.range !== 'custom'
      ? null
      : !isDay(range.from) || !isDay(range.to)
        ? t('dashboard.analytics.rangeInvalid')
        : range.from > range.to
          ? t('dashboard.analytics.rangeBackwards')
          : daysBetween(range.from, range.to, MAX_DAYS + 1).length > MAX_DAYS
            ? t('dashboard.analytics.rangeTooLong', { days: MAX_DAYS })
            : null;
  const series = choice.granularity === 'day' ? '/metrics/daily' : '/metrics/weekly';
  const params = { dimension: choice.dimension, from: range.from, to: range.to };

  useEffect(() => {
    if (!allowed || rangeError) return;
    const current = latest();
    const granularity = choice.granularity;
    Promise.all([api.query<MetricSeries<DailyFigures | WeeklyFigures>>(series, params), api.query<MetricSummary>('/metrics/summary', params)])
      .then(([periods, summary]) => {
        if (!current()) return;
        setData({ dimension: summary.dimension, granularity, from: summary.from, to: summary.to, periods: periods.items, summary, nameOf });
        setError(null);
      })
      .catch((e) => current() && setError(problemText(t, e)));
  }, [api, allowed, choice.dimension, range.from, range.to, choice.granularity, rangeError]);

  if (!allowed) {
    return (
      <section aria-labelledby="analytics-title">
        <h1 id="analytics-title">{t('dashboard.analytics.title')}</h1>
        <p class="notice">{t('dashboard.analytics.forbidden')}</p>
      </section>
    );
  }

  const shown = data && { ...data, nameOf };
  const figures = shown ? [overTime(shown, choice.metric, t, f), byValue(shown, choice.metric, t, f)] : [];
  return (
    <section aria-labelledby="analytics-title" class="analytics">
      <h1 id="analytics-title">{t('dashboard.analytics.title')}</h1>
      <p class="muted">{t('dashboard.analytics.intro')}</p>
      <AnalyticsControls choice={choice} onChange={setChoice} rangeError={rangeError} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!shown ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div class="figure-grid">
          {figures.map((figure) => (
            <FigurePanel figure={figure} key={figure.id}>
              {figure.id === 'over-time' && shown.summary.items.length > TOP_VALUES && <p class="muted">{t('dashboard.analytics.topValues', { count: TOP_VALUES })}</p>}
            </FigurePanel>
          ))}
        </div>
      )}
      <ExportLinks figures={{ path: series, params, name: `metrics-${choice.granularity === 'day' ? 'daily' : 'weekly'}-${choice.dimension}-${range.from}-${range.to}` }} />
    </section>
  );
}
