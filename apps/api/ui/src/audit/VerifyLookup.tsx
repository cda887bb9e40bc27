import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { auditTicketHref } from './audit-route';
import { Verification } from './audit-types';
import { ChainVerdict } from './ChainVerdict';
import { ticketIdOf, TicketRefError } from './ticket-ref';

/** Verifies one ticket's hash chain, named by number or id (GET /audit/verify). */
export function VerifyLookup() {
  const { api, t } = useApp();
  const [ref, setRef] = useState('');
  const [verdict, setVerdict] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      const ticket = await ticketIdOf(api, t, ref);
      setVerdict(await api.query<Verification>('/audit/verify', { ticket }));
    } catch (failure) {
      setError(failure instanceof TicketRefError ? failure.message : problemText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card verify" aria-labelledby="verify-title" aria-busy={busy}>
      <h2 id="verify-title">{t('audit.verify.title')}</h2>
      <p class="muted">{t('audit.verify.intro')}</p>
      <form class="inline-form" onSubmit={verify}>
        <label>
          <span>{t('audit.ticketRef.label')}</span>
          <input name="verify-ticket" value={ref} required dir="ltr" autoComplete="off" spellcheck={false} onInput={(e) => setRef((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('audit.verify.run')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {verdict && (
        <>
          <ChainVerdict verdict={verdict} />
          <a href={auditTicketHref(verdict.ticketId)}>{t('audit.verify.replay')}</a>
        </>
      )}
    </section>
  );
}
