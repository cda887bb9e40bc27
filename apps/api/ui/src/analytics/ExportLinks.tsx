import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { saveFile } from './download';
import { ExportPage } from './metric-types';

/** The collections an analyst most often takes into their own tools. */
const COLLECTIONS = ['metrics_daily', 'satisfaction_ratings', 'sla_breaches', 'workload', 'queue', 'tickets'] as const;
const PAGE = 5000;
/** A bound on one download: 200 pages of 5,000 documents. */
const MAX_PAGES = 200;
/** A Latin name inside a sentence of either direction, kept in one piece (Unicode first-strong isolate). */
const isolated = (name: string) => `\u2068${name}\u2069`;

interface Props {
  /** The figures on the screen: their API path and query, saved as JSON as they are. */
  figures: { path: string; params: Record<string, string>; name: string };
}

/**
 * Downloads: the figures shown, as the API answers them (JSON), and whole collections from the
 * incremental export feed (GET /export/:collection, every page, oldest change first) as NDJSON.
 * Each is fetched with the session's bearer, then saved; the API path is shown for scripts that
 * use an API token.
 */
export function ExportLinks({ figures }: Props) {
  const { api, t, announce } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (key: string, work: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    try {
      announce(await work());
    } catch (e) {
      setError(problemText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const saveFigures = () =>
    run('figures', async () => {
      const body = await api.query<unknown>(figures.path, figures.params);
      saveFile(`${figures.name}.json`, 'application/json', JSON.stringify(body, null, 2));
      return t('dashboard.export.saved', { file: `${figures.name}.json` });
    });

  const saveCollection = (collection: string) =>
    run(collection, async () => {
      const lines: string[] = [];
      let since: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.query<ExportPage>(`/export/${collection}`, { limit: String(PAGE), since });
        for (const item of answer.items) lines.push(JSON.stringify(item));
        since = answer.nextSince ?? undefined;
        if (!answer.more) break;
      }
      saveFile(`${collection}.ndjson`, 'application/x-ndjson', lines.length ? `${lines.join('\n')}\n` : '');
      return t('dashboard.export.savedCollection', { file: `${collection}.ndjson`, count: lines.length });
    });

  const query = new URLSearchParams(figures.params).toString();
  return (
    <section class="card export-links" aria-labelledby="analytics-export-title">
      <h2 id="analytics-export-title">{t('dashboard.export.title')}</h2>
      <p class="muted">{t('dashboard.export.intro')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ul class="plain">
        <li>
          <button type="button" class="secondary" data-export="figures" disabled={busy !== null} onClick={saveFigures}>
            {t('dashboard.export.figures')}
          </button>{' '}
          <code dir="ltr">GET {figures.path}?{query}</code>
        </li>
        {COLLECTIONS.map((c) => (
          <li key={c}>
            <button type="button" class="secondary" data-export={c} disabled={busy !== null} onClick={() => saveCollection(c)}>
              {t('dashboard.export.collection', { collection: isolated(c) })}
            </button>{' '}
            <code dir="ltr">GET /export/{c}</code>
          </li>
        ))}
      </ul>
      {busy && <p aria-busy="true">{t('dashboard.export.working')}</p>}
    </section>
  );
}
