import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { TrailParams, trailSearch } from './trail-filter';

const FORMATS = [
  { format: 'csv', label: 'audit.export.csv', name: 'CSV' },
  { format: 'ndjson', label: 'audit.export.ndjson', name: 'NDJSON' },
] as const;

/**
 * The trail's CSV and NDJSON exports for the filters applied. The API answers only with the
 * session's bearer token, which a plain link cannot carry: the file is fetched, then saved.
 */
export function ExportLinks({ params }: { params: TrailParams }) {
  const { api, t, announce } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (format: 'csv' | 'ndjson', name: string) => {
    setBusy(true);
    setError(null);
    try {
      const blob = await api.download(`/audit/trail?${trailSearch(params, format)}`);
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: `audit-trail.${format}` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      announce(t('audit.export.done', { format: name }));
    } catch (e) {
      setError(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="trail-export" aria-labelledby="export-title">
      <h3 id="export-title">{t('audit.export.title')}</h3>
      <p class="muted">{t('audit.export.hint')}</p>
      <div class="button-row">
        {FORMATS.map(({ format, label, name }) => (
          <button key={format} type="button" class="secondary" disabled={busy} onClick={() => save(format, name)}>
            {t(label)}
          </button>
        ))}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
