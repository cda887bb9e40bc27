import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { ticketHref, useTitle } from '../route';
import { canAudit } from './audit-roles';
import { auditHref } from './audit-route';
import { History, HistoryEntry, Verification } from './audit-types';
import { ChainVerdict } from './ChainVerdict';
import { HistoryReplay } from './HistoryReplay';
import { StateAtInstant } from './StateAtInstant';
import { ticketIdOf, TicketRefError } from './ticket-ref';
import './audit.css';

/**
 * One ticket for an auditor: its history replayed step by step from the event store, its state at
 * any instant, and (for the roles that may verify) the verdict on its hash chain.
 */
export function TicketAuditPage({ id }: { id: string }) {
  const { api, t, user, fmt } = useApp();
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [step, setStep] = useState(0);

  const submitted = entries?.[0]?.data as { number?: string; subject?: string } | undefined;
  const number = submitted?.number ?? id;
  useTitle(`${entries ? number : t('app.loading')} · ${t('audit.title')} · ${t('app.title')}`);

  useEffect(() => {
    let live = true;
    (async () => {
      const resolved = await ticketIdOf(api, t, id);
      const history = await api.query<History>(`/tickets/${resolved}/history`);
      if (!live) return;
      setTicketId(resolved);
      setEntries(history.items);
      if (canAudit(user.role)) {
        api.query<Verification>('/audit/verify', { ticket: resolved }).then(
          (v) => live && setVerdict(v),
          (e) => live && setVerifyError(problemText(t, e)),
        );
      }
    })().catch((e) => {
      if (!live) return;
      const missing = e instanceof ApiProblem && e.status === 404;
      setError(e instanceof TicketRefError ? e.message : missing ? t('ticket.notFound') : problemText(t, e));
    });
    return () => void (live = false);
  }, [api, id]);

  const goToRevision = (revision: number) => {
    const index = entries?.findIndex((e) => e.revision === revision) ?? -1;
    if (index >= 0) setStep(index);
    document.getElementById('replay-title')?.scrollIntoView({ block: 'start' });
  };

  if (error) {
    return (
      <section class="card">
        <p role="alert">{error}</p>
        {canAudit(user.role) && <a href={auditHref}>{t('audit.ticket.overview')}</a>}
      </section>
    );
  }
  if (!entries || !ticketId) return <p aria-busy="true">{t('app.loading')}</p>;

  return (
    <article class="audit ticket-audit" aria-labelledby="ticket-audit-title">
      <nav class="back-links" aria-label={t('audit.title')}>
        <a href={ticketHref(ticketId)}>{t('audit.ticket.back')}</a>
        {canAudit(user.role) && <a href={auditHref}>{t('audit.ticket.overview')}</a>}
      </nav>
      <h1 id="ticket-audit-title">
        {t('audit.ticket.heading', { number, subject: submitted?.subject ?? '' })}
      </h1>
      <p class="muted">{t('audit.zone', { zone: fmt.timeZone })}</p>
      {canAudit(user.role) && (
        <section class="card" aria-labelledby="verify-title">
          <h2 id="verify-title">{t('audit.verify.title')}</h2>
          {verdict ? (
            <ChainVerdict verdict={verdict} onGoTo={goToRevision} />
          ) : verifyError ? (
            <p class="error" role="alert">
              {verifyError}
            </p>
          ) : (
            <p aria-busy="true">{t('app.loading')}</p>
          )}
        </section>
      )}
      {entries.length > 0 && (
        <>
          <HistoryReplay ticketId={ticketId} entries={entries} step={step} onStep={setStep} brokenRevision={verdict?.firstBroken?.revision} />
          <StateAtInstant ticketId={ticketId} entries={entries} onGoTo={setStep} />
        </>
      )}
    </article>
  );
}
