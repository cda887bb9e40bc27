import { useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { StoredEvent, Ticket } from '../api/types';
import { useApp } from '../app-context';
import { slaState, slaText } from '../format';
import { useLatest, useLive } from '../live';
import { LiveNotice } from '../live-notice';
import { queueHref, useTitle } from '../route';
import { CustomerCard } from './CustomerCard';
import { PriorityBadge } from './PriorityBadge';
import { problemText } from './problem-text';
import { Run, TicketActions } from './TicketActions';
import { TicketTags } from './TicketTags';
import { MacroPicker } from './MacroPicker';
import { Timeline } from './Timeline';
import { KnowledgeSidebar } from '../knowledge/KnowledgeSidebar';
import { useNames } from '../names/use-names';
import { CustomerContext } from './CustomerContext';
import { AuditLink } from '../audit/AuditLink';

const POLL_MS = 5000;

/**
 * One ticket: what the customer told us, the timeline from the event store, and the actions the
 * agent's role allows. After an action the page reloads through `consistentWith`, and never
 * replaces what it shows with an older revision, so there is no flicker of stale state.
 */
export function TicketPage({ id }: { id: string }) {
  const { api, t, fmt, announce, user } = useApp();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [events, setEvents] = useState<StoredEvent[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);
  const latest = useLatest();
  const nameOf = useNames();

  useTitle(`${ticket ? ticket.number : t('app.loading')} · ${t('app.title')}`);

  // The stream is read again only when the ticket has moved past the events held: every event,
  // SLA records included, advances the view's revision. Roles without history are asked once.
  const held = useRef<{ events: StoredEvent[] | null; forbidden: boolean }>({ events: null, forbidden: false });
  const historyUpTo = async (view: Ticket): Promise<StoredEvent[] | null> => {
    const { events: shown, forbidden } = held.current;
    if (forbidden || (shown?.at(-1)?.revision ?? -1) >= view.revision) return shown;
    try {
      const fetched = await api.query<StoredEvent[]>(`/tickets/${view.id}/events`);
      // An overtaken read may answer last: a stream only grows, so the longer list is the newer.
      if (fetched.length >= (held.current.events?.length ?? 0)) held.current.events = fetched;
    } catch (e) {
      if (!(e instanceof ApiProblem && e.status === 403)) throw e;
      held.current.forbidden = true; // the ticket is still shown, without its history
    }
    return held.current.events;
  };

  const load = async () => {
    const current = latest();
    try {
      const view = await api.query<Ticket>(`/tickets/${encodeURIComponent(id)}`);
      const history = await historyUpTo(view);
      if (!current()) return;
      setTicket((shown) => (shown && shown.revision > view.revision ? shown : view));
      setEvents(history);
      setMissing(false);
    } catch (e) {
      if (!current()) return;
      if (e instanceof ApiProblem && e.status === 404) setMissing(true);
      else setError(problemText(t, e));
    }
  };

  // Reloaded when this ticket changes (pushed; not while an action of the agent's is under way,
  // which reloads itself), polled only while the stream is down.
  const liveState = useLive(
    async () => void (busyRef.current || (await load())),
    (m) => m.event === 'ticket' && (m.data.ticketId === ticket?.id || m.data.ticketId === id || m.data.number === id),
    [id],
    { pollMs: POLL_MS },
  );

  const run: Run = async (action, path, body) => {
    if (!ticket) return false;
    busyRef.current = true;
    setBusy(action);
    setError(null);
    try {
      await api.command(`/tickets/${ticket.id}/${path}`, body, { ifMatch: ticket.revision });
      await load();
      announce(t('action.done', { action: t(`action.${action}`) }));
      return true;
    } catch (e) {
      const problem = ApiProblem.of(e);
      if (problem.status === 409 || problem.status === 412) {
        await load();
        setError(t('action.conflict'));
      } else {
        setError(problemText(t, problem));
      }
      return false;
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  if (missing) {
    return (
      <section class="card">
        <p role="alert">{t('ticket.notFound')}</p>
        <a href={queueHref}>{t('ticket.back')}</a>
      </section>
    );
  }
  if (!ticket) return <p aria-busy="true">{error ?? t('app.loading')}</p>;

  const state = slaState(ticket.sla, ticket.slaAtRisk);
  return (
    <article class="ticket" aria-labelledby="ticket-title" aria-busy={busy !== null}>
      <a class="back" href={queueHref}>
        {t('ticket.back')}
      </a>
      <h1 id="ticket-title" dir="auto">
        {t('ticket.heading', { number: ticket.number, subject: ticket.subject })}
      </h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <LiveNotice state={liveState} />
      <div class="ticket-grid">
        <div class="ticket-main">
          <section aria-labelledby="description-title" class="card">
            <h2 id="description-title">{t('ticket.description')}</h2>
            <p class="prose" dir="auto">
              {ticket.description}
            </p>
            <h3>{t('ticket.errors')}</h3>
            {ticket.errorMessages.length ? (
              <ul class="errors" dir="ltr">
                {ticket.errorMessages.map((m, i) => (
                  <li key={i}>
                    <code>{m}</code>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('ticket.none')}</p>
            )}
            <h3>{t('ticket.steps')}</h3>
            <p class="prose" dir="auto">
              {ticket.stepsToReproduce ?? <span class="muted">{t('ticket.none')}</span>}
            </p>
            <h3>{t('ticket.impact')}</h3>
            <p class="prose" dir="auto">
              {ticket.impact ?? <span class="muted">{t('ticket.none')}</span>}
            </p>
            {ticket.resolution && (
              <>
                <h3>{t('ticket.resolution')}</h3>
                <p class="prose" dir="auto">
                  {ticket.resolution}
                </p>
              </>
            )}
          </section>
          <TicketActions ticket={ticket} busy={busy} run={run} />
          <MacroPicker ticket={ticket} busy={busy} run={run} />
          <Timeline events={events} ticket={ticket} />
          <AuditLink ticketId={ticket.id} />
        </div>
        <aside class="ticket-side">
          <section aria-labelledby="summary-title" class="card">
            <h2 id="summary-title">{t('ticket.summary')}</h2>
            <dl>
              <dt>{t('ticket.status')}</dt>
              <dd data-field="status">{t('status', { status: ticket.status })}</dd>
              <dt>{t('ticket.priority')}</dt>
              <dd>
                <PriorityBadge priority={ticket.priority} category={ticket.category} />
              </dd>
              <dt>{t('ticket.category')}</dt>
              <dd>{t('category', { category: ticket.category })}</dd>
              <dt>{t('ticket.assignee')}</dt>
              <dd data-field="assignee">
                {ticket.assigneeId ? (
                  <>
                    <bdi>{nameOf(ticket.assigneeId)}</bdi> · {t('ticket.acknowledged', { acknowledged: ticket.acknowledged })}
                  </>
                ) : (
                  t('ticket.unassigned')
                )}
              </dd>
              <dt>{t('ticket.sla')}</dt>
              <dd>
                <span class={`sla sla-${state}`}>
                  {slaText(t, ticket.sla)}
                  {state !== 'none' && <> ({t('sla.state', { state })})</>}
                </span>
              </dd>
              <dt>{t('ticket.channel')}</dt>
              <dd>{t('channel', { channel: ticket.channel })}</dd>
              <dt>{t('ticket.submitted')}</dt>
              <dd>
                <time dateTime={ticket.submittedAt}>{fmt.dateTime(ticket.submittedAt)}</time>
              </dd>
            </dl>
          </section>
          <TicketTags ticket={ticket} busy={busy} run={run} />
          <CustomerCard customer={ticket.customer} />
          <CustomerContext ticket={ticket} />
          {/* Suggesting articles is for those who answer the customer (auditors only read). */}
          {['agent', 'supervisor', 'admin'].includes(user.role) && <KnowledgeSidebar ticketId={ticket.id} text={`${ticket.subject} ${ticket.description}`} onChanged={() => void load()} />}
        </aside>
      </div>
    </article>
  );
}
