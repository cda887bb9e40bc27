import { useApp } from '../app-context';
import { FigureFormats } from '../analytics/figure-formats';
import { MetricSummary } from '../analytics/metric-types';

/** The headline satisfaction figures above the score chart: CSAT, average, response rate. */
export function SatisfactionFacts({ summary, formats: f }: { summary: MetricSummary; formats: FigureFormats }) {
  const { t } = useApp();
  const s = summary.items[0]?.satisfaction;
  const or = (n: number | null | undefined, format: (n: number) => string) => (n === null || n === undefined ? '—' : format(n));
  return (
    <dl class="figure-facts" data-facts="csat">
      <div>
        <dt>{t('dashboard.csat.csat')}</dt>
        <dd data-fact="csat">{or(s?.csat, f.percent)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.csat.average')}</dt>
        <dd data-fact="average">{or(s?.average, f.decimal)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.csat.responseRate')}</dt>
        <dd data-fact="responseRate">{or(s?.responseRate, f.percent)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.csat.rated')}</dt>
        <dd data-fact="rated">{t('dashboard.csat.ratedOf', { rated: s?.rated ?? 0, offered: s?.offered ?? 0 })}</dd>
      </div>
    </dl>
  );
}
