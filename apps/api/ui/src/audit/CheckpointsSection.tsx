import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { canSignCheckpoints } from './audit-roles';
import { Checkpoint, Checkpoints } from './audit-types';
import { preciseDateTime } from './zoned-time';

/** The latest signed checkpoints of the event feed, the key that verifies them, and (admins) signing one now. */
export function CheckpointsSection() {
  const { api, t, user, fmt, locale } = useApp();
  const when = useMemo(() => preciseDateTime(locale, fmt.timeZone), [locale, fmt.timeZone]);
  const [list, setList] = useState<Checkpoints | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const [busy, setBusy] = useState(false);

  const load = () => api.query<Checkpoints>('/audit/checkpoints').then(setList);
  useEffect(() => void load().catch((e) => setError(problemText(t, e))), [api]);

  const sign = async () => {
    setBusy(true);
    setError(null);
    setOutcome('');
    try {
      const { checkpoint } = (await api.command('/audit/checkpoints', {})) as unknown as { checkpoint: Checkpoint | null };
      await load();
      setOutcome(checkpoint ? t('audit.checkpoints.signed', { position: checkpoint.position, events: checkpoint.events }) : t('audit.checkpoints.nothingNew'));
    } catch (e) {
      setError(problemText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card checkpoints" aria-labelledby="checkpoints-title" aria-busy={busy}>
      <h2 id="checkpoints-title">{t('audit.checkpoints.title')}</h2>
      <p class="muted">{t('audit.checkpoints.intro')}</p>
      {canSignCheckpoints(user.role) && (
        <p>
          <button type="button" disabled={busy} onClick={sign}>
            {t('audit.checkpoints.sign')}
          </button>
        </p>
      )}
      <p role="status">{outcome}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {list === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <dl class="key">
            <dt>{t('audit.checkpoints.keyId')}</dt>
            <dd>
              <code class="hash" dir="ltr" data-key-id>
                {list.keyId}
              </code>
            </dd>
          </dl>
          <details>
            <summary>{t('audit.checkpoints.publicKey')}</summary>
            <pre dir="ltr" tabIndex={0}>{list.publicKey}</pre>
          </details>
          <div class="table-scroll">
            <table class="audit-table checkpoint-table">
              <caption>{t('audit.checkpoints.caption', { count: list.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.checkpoints.col.signedAt')}</th>
                  <th scope="col">{t('audit.checkpoints.col.position')}</th>
                  <th scope="col">{t('audit.checkpoints.col.events')}</th>
                  <th scope="col">{t('audit.checkpoints.col.feedHash')}</th>
                  <th scope="col">{t('audit.checkpoints.col.signature')}</th>
                  <th scope="col">{t('audit.checkpoints.col.check')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.signature} data-position={c.position}>
                    <td>
                      <time dateTime={c.signedAt}>{when(c.signedAt)}</time>
                    </td>
                    <td>{c.position}</td>
                    <td>{c.events}</td>
                    <td>
                      <code class="hash" dir="ltr">
                        {c.feedHash}
                      </code>
                    </td>
                    <td>
                      <details>
                        <summary>{t('audit.checkpoints.showSignature')}</summary>
                        <code class="hash" dir="ltr">
                          {c.signature}
                        </code>
                      </details>
                    </td>
                    <td class={`check check-${String(c.signatureValid)}`} data-check={String(c.signatureValid)}>
                      {t('audit.checkpoints.check', { valid: c.signatureValid })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
