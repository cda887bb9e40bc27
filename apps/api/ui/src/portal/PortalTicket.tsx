import { useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { Attachment, CustomerTicket } from '../api/types';
import { useApp } from '../app-context';
import { PriorityBadge } from '../components/PriorityBadge';
import { problemText } from '../components/problem-text';
import { formats, safeZone } from '../format';
import { useLatest, useLive } from '../live';
import { LiveNotice } from '../live-notice';
import { queueHref, useTitle } from '../route';
import { targetText } from './portal-text';
import { SatisfactionWidget } from './SatisfactionWidget';

const POLL_MS = 5000;

type Action = 'reply' | 'confirm' | 'reject' | 'reopen';

/**
 * One of my requests: what I told them, our target in my own time zone, the public
 * conversation with its files, and what I can do in this state (reply, confirm or reject the
 * solution, reopen, rate).
 */
export function PortalTicket({ id }: { id: string }) {
  const { api, t, locale, fmt: appFmt, announce } = useApp();
  const [ticket, setTicket] = useState<CustomerTicket | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Action | null>(null);
  const latest = useLatest();
  useTitle(`${ticket ? ticket.number : t('app.loading')} · ${t('app.title')}`);

  const load = async () => {
    const current = latest();
    try {
      const view = await api.query<CustomerTicket>(`/tickets/${encodeURIComponent(id)}`);
      if (!current()) return;
      setTicket((shown) => (shown && shown.revision > view.revision ? shown : view));
      setMissing(false);
    } catch (e) {
      if (!current()) return;
      if (e instanceof ApiProblem && e.status === 404) setMissing(true);
      else setError(problemText(t, e));
    }
  };
  // Reloaded when this request changes (pushed), polled only while the stream is down.
  const liveState = useLive(load, (m) => m.event === 'ticket' && (m.data.ticketId === ticket?.id || m.data.ticketId === id), [id], { pollMs: POLL_MS });

  const forms = useRef<Partial<Record<Action, HTMLFormElement | null>>>({});
  const run = async (action: Action, path: string, body: Record<string, unknown>) => {
    setBusy(action);
    setError(null);
    try {
      await api.command(`/tickets/${id}/${path}`, body);
      forms.current[action]?.reset();
      announce(t('portal.done'));
      await load();
    } catch (e) {
      setError(problemText(t, e));
    } finally {
      setBusy(null);
    }
  };
  const field = (e: Event, name: string) => String(new FormData(e.currentTarget as HTMLFormElement).get(name) ?? '').trim();

  if (missing) {
    return (
      <section class="card">
        <a class="back" href={queueHref}>
          {t('portal.back')}
        </a>
        <p role="alert">{t('portal.notFound')}</p>
      </section>
    );
  }
  if (!ticket) return <p aria-live="polite">{t('app.loading')}</p>;

  // Times in my own zone, as I gave it when I filed the request.
  const zone = safeZone(ticket.customer.timezone, appFmt.timeZone);
  const fmt = formats(locale, zone);
  const resolved = ticket.status === 'resolved';
  const closed = ticket.status === 'closed';
  const awaitingConfirmation = resolved && !ticket.confirmedAt;

  return (
    <article aria-labelledby="ticket-title" class="portal-ticket">
      <a class="back" href={queueHref}>
        {t('portal.back')}
      </a>
      <h1 id="ticket-title">
        <bdi dir="ltr">{ticket.number}</bdi>: <span dir="auto">{ticket.subject}</span>
      </h1>
      <LiveNotice state={liveState} />
      <div class="ticket-grid">
        <div>
          <section class="card" aria-labelledby="summary-title">
            <h2 id="summary-title" class="sr-only">
              {t('ticket.summary')}
            </h2>
            <dl>
              <dt>{t('ticket.status')}</dt>
              <dd>{t('status', { status: ticket.status })}</dd>
              <dt>{t('ticket.priority')}</dt>
              <dd>
                <PriorityBadge priority={ticket.priority} category={ticket.category} />
              </dd>
              <dt>{t('portal.col.next')}</dt>
              <dd>{t('portal.next', { status: ticket.status })}</dd>
              <dt>{t('portal.target')}</dt>
              <dd>
                {targetText(t, fmt, ticket)}
                <br />
                <small class="muted">{t('portal.timesIn', { zone })}</small>
              </dd>
              <dt>{t('ticket.submitted')}</dt>
              <dd>{fmt.dateTime(ticket.submittedAt)}</dd>
            </dl>
          </section>
          {ticket.resolution && (
            <section class="card" aria-labelledby="resolution-title">
              <h2 id="resolution-title">{t('portal.resolution')}</h2>
              <p class="prose" dir="auto">
                {ticket.resolution}
              </p>
            </section>
          )}
          <SatisfactionWidget ticket={ticket} fmt={fmt} onDone={load} />
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          {awaitingConfirmation && (
            <section class="card actions" aria-label={t('ticket.actions')}>
              <div class="buttons">
                <button type="button" disabled={busy !== null} onClick={() => run('confirm', 'confirm', {})}>
                  {busy === 'confirm' ? t('portal.working') : t('portal.confirm')}
                </button>
              </div>
              <form ref={(f) => void (forms.current.reject = f)} class="action-form" onSubmit={(e) => (e.preventDefault(), run('reject', 'reject', { reason: field(e, 'reason') }))}>
                <label>
                  <span>{t('portal.rejectReason')}</span>
                  <textarea name="reason" rows={2} required dir="auto" />
                </label>
                <button type="submit" class="secondary" disabled={busy !== null}>
                  {busy === 'reject' ? t('portal.working') : t('portal.reject')}
                </button>
              </form>
            </section>
          )}
          {(closed || (resolved && !awaitingConfirmation)) && (
            <form ref={(f) => void (forms.current.reopen = f)} class="card action-form" onSubmit={(e) => (e.preventDefault(), run('reopen', 'reopen', { reason: field(e, 'reason') }))}>
              <label>
                <span>{t('portal.reopenReason')}</span>
                <textarea name="reason" rows={2} required dir="auto" />
              </label>
              <button type="submit" class="secondary" disabled={busy !== null}>
                {busy === 'reopen' ? t('portal.working') : t('portal.reopen')}
              </button>
            </form>
          )}
          <section class="card" aria-labelledby="conversation-title">
            <h2 id="conversation-title">{t('portal.conversation')}</h2>
            {ticket.comments.length === 0 ? (
              <p class="muted">{t('portal.noComments')}</p>
            ) : (
              <ol class="timeline">
                {ticket.comments.map((c) => (
                  <li key={c.id} class={`event comment-${c.author}`}>
                    <p class="sentence">
                      <strong>{t('portal.from', { author: c.author, time: fmt.dateTime(c.at) })}</strong>
                    </p>
                    <p class="body" dir="auto">
                      {c.body}
                    </p>
                    <Files ticketId={ticket.id} files={c.attachments} />
                  </li>
                ))}
              </ol>
            )}
            {!closed && (
              <form ref={(f) => void (forms.current.reply = f)} class="action-form" onSubmit={(e) => (e.preventDefault(), run('reply', 'comments', { body: field(e, 'body'), visibility: 'public' }))}>
                <label>
                  <span>{t('portal.reply')}</span>
                  <textarea name="body" rows={3} required maxLength={20000} dir="auto" />
                </label>
                <button type="submit" disabled={busy !== null}>
                  {busy === 'reply' ? t('portal.working') : t('portal.send')}
                </button>
              </form>
            )}
          </section>
        </div>
        <aside class="ticket-side">
          <section class="card" aria-labelledby="details-title">
            <h2 id="details-title">{t('portal.details')}</h2>
            <p class="prose" dir="auto">
              {ticket.description}
            </p>
            {ticket.errorMessages.length > 0 && (
              <>
                <h3>{t('ticket.errors')}</h3>
                <ul class="errors">
                  {ticket.errorMessages.map((m, i) => (
                    <li key={i}>
                      <code dir="ltr">{m}</code>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {ticket.stepsToReproduce && (
              <>
                <h3>{t('ticket.steps')}</h3>
                <p class="prose" dir="auto">
                  {ticket.stepsToReproduce}
                </p>
              </>
            )}
            {ticket.impact && (
              <>
                <h3>{t('ticket.impact')}</h3>
                <p class="prose" dir="auto">
                  {ticket.impact}
                </p>
              </>
            )}
            {ticket.attachments.length > 0 && (
              <>
                <h3>{t('portal.files')}</h3>
                <Files ticketId={ticket.id} files={ticket.attachments} />
              </>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}

/** Files are served only to the signed-in: fetched with the session, then saved from memory. */
function Files({ ticketId, files }: { ticketId: string; files: Attachment[] }) {
  const { api, t } = useApp();
  const [error, setError] = useState<string | null>(null);
  if (!files?.length) return null;
  const save = async (file: Attachment) => {
    try {
      const blob = await api.download(`/tickets/${ticketId}/attachments/${file.id}`);
      const url = URL.createObjectURL(blob);
      const a = Object.assign(document.createElement('a'), { href: url, download: file.filename });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(problemText(t, e));
    }
  };
  return (
    <>
      <ul class="files">
        {files.map((f) => (
          <li key={f.id}>
            <button type="button" class="link" onClick={() => save(f)} aria-label={t('portal.download', { name: f.filename })}>
              <bdi>{f.filename}</bdi>
            </button>{' '}
            <small class="muted" dir="ltr">
              {Math.max(1, Math.round(f.size / 1024))} KB
            </small>
          </li>
        ))}
      </ul>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
