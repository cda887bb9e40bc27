import { useState } from 'preact/hooks';
import { CustomerTicket, Page } from '../api/types';
import { useApp } from '../app-context';
import { PriorityBadge } from '../components/PriorityBadge';
import { problemText } from '../components/problem-text';
import { formats, safeZone } from '../format';
import { useLatest, useLive } from '../live';
import { LiveNotice } from '../live-notice';
import { newRequestHref, ticketHref, useTitle } from '../route';

const POLL_MS = 5000;

/** My requests: every ticket filed under my address (by any channel), with what happens next. */
export function PortalHome() {
  const { api, t, locale, fmt } = useApp();
  const [page, setPage] = useState<Page<CustomerTicket> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatest();
  useTitle(`${t('portal.title')} · ${t('app.title')}`);

  // Reloaded when one of my requests changes (pushed), polled only while the stream is down.
  const liveState = useLive(
    async () => {
      const current = latest();
      try {
        const answer = await api.query<Page<CustomerTicket>>('/tickets', { sort: 'updatedAt', order: 'desc', limit: '100' });
        if (current()) (setPage(answer), setError(null));
      } catch (e) {
        if (current()) setError(problemText(t, e));
      }
    },
    (m) => m.event === 'ticket',
    [],
    { pollMs: POLL_MS },
  );

  // Each request's times in its own customer time zone (the one given when it was filed).
  const when = (ticket: CustomerTicket) => formats(locale, safeZone(ticket.customer.timezone, fmt.timeZone)).dateTime(ticket.updatedAt);

  return (
    <section aria-labelledby="portal-title">
      <div class="title-row">
        <h1 id="portal-title">{t('portal.title')}</h1>
        <a class="button-link" href={newRequestHref}>
          {t('portal.new')}
        </a>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <LiveNotice state={liveState} />
      {!page ? (
        <p aria-live="polite">{t('app.loading')}</p>
      ) : (
        <table class="queue portal-list">
          <caption aria-live="polite">{t('portal.caption', { count: page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.col.number')}</th>
              <th scope="col">{t('portal.col.subject')}</th>
              <th scope="col">{t('portal.col.status')}</th>
              <th scope="col">{t('portal.col.priority')}</th>
              <th scope="col">{t('portal.col.next')}</th>
              <th scope="col">{t('portal.col.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((ticket) => (
              <tr key={ticket.id}>
                <th scope="row" data-label={t('portal.col.number')}>
                  <a href={ticketHref(ticket.id)} dir="ltr">
                    {ticket.number}
                  </a>
                </th>
                <td data-label={t('portal.col.subject')} dir="auto">
                  {ticket.subject}
                </td>
                <td data-label={t('portal.col.status')}>{t('status', { status: ticket.status })}</td>
                <td data-label={t('portal.col.priority')}>
                  <PriorityBadge priority={ticket.priority} category={ticket.category} />
                </td>
                <td data-label={t('portal.col.next')}>{t('portal.next', { status: ticket.status })}</td>
                <td data-label={t('portal.col.updated')}>{when(ticket)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
