import { useApp } from '../app-context';
import { Granularity } from './analytics-figures';
import { Metric, METRICS } from './metric-choice';
import { Dimension, DIMENSIONS } from './metric-types';

export type RangeChoice = '7' | '30' | '90' | 'custom';
export const RANGES: readonly RangeChoice[] = ['7', '30', '90', 'custom'];

export interface AnalyticsChoice {
  metric: Metric;
  dimension: Dimension;
  range: RangeChoice;
  /** The custom range as typed (YYYY-MM-DD); used when range is 'custom'. */
  from: string;
  to: string;
  granularity: Granularity;
}

interface Props {
  choice: AnalyticsChoice;
  onChange(next: AnalyticsChoice): void;
  /** Why the custom range cannot be shown, if it cannot. */
  rangeError: string | null;
}

/** The analyst's pickers: the metric, the dimension it is broken down by, the range, per day or week. */
export function AnalyticsControls({ choice, onChange, rangeError }: Props) {
  const { t } = useApp();
  const set = <K extends keyof AnalyticsChoice>(key: K) => (e: Event) => onChange({ ...choice, [key]: (e.currentTarget as HTMLSelectElement | HTMLInputElement).value });
  return (
    <form class="filters analytics-controls" onSubmit={(e) => e.preventDefault()}>
      <fieldset class="plain-fieldset">
        <legend>{t('dashboard.analytics.choose')}</legend>
        <div class="control-row">
          <label>
            <span>{t('dashboard.analytics.metricLabel')}</span>
            <select name="metric" value={choice.metric} onChange={set('metric')}>
              {METRICS.map((m) => (
                <option value={m} key={m}>
                  {t('dashboard.analytics.metric', { metric: m })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('dashboard.analytics.dimensionLabel')}</span>
            <select name="dimension" value={choice.dimension} onChange={set('dimension')}>
              {DIMENSIONS.map((d) => (
                <option value={d} key={d}>
                  {t('dashboard.analytics.dimensionOption', { dimension: d })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('dashboard.analytics.rangeLabel')}</span>
            <select name="range" value={choice.range} onChange={set('range')}>
              {RANGES.map((r) => (
                <option value={r} key={r}>
                  {t('dashboard.analytics.range', { range: r })}
                </option>
              ))}
            </select>
          </label>
          {choice.range === 'custom' && (
            <>
              <label>
                <span>{t('dashboard.analytics.from')}</span>
                <input type="date" name="from" value={choice.from} onChange={set('from')} aria-invalid={rangeError ? 'true' : undefined} aria-describedby={rangeError ? 'analytics-range-error' : undefined} />
              </label>
              <label>
                <span>{t('dashboard.analytics.to')}</span>
                <input type="date" name="to" value={choice.to} onChange={set('to')} aria-invalid={rangeError ? 'true' : undefined} aria-describedby={rangeError ? 'analytics-range-error' : undefined} />
              </label>
            </>
          )}
          <label>
            <span>{t('dashboard.analytics.granularityLabel')}</span>
            <select name="granularity" value={choice.granularity} onChange={set('granularity')}>
              {(['day', 'week'] as const).map((g) => (
                <option value={g} key={g}>
                  {t('dashboard.analytics.granularity', { granularity: g })}
                </option>
              ))}
            </select>
          </label>
        </div>
        {rangeError && (
          <p class="error" id="analytics-range-error" role="alert">
            {rangeError}
          </p>
        )}
      </fieldset>
    </form>
  );
}
