import { useEffect, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { Ticket } from '../api/types';
import { useApp } from '../app-context';
import { ticketHref } from '../route';
import { CustomerContextAnswer } from '../search/search-types';
import './customer-context.css';

const SHOWN = 10;

/**
 * Who this customer has been to us: their other tickets the viewer can reach (newest first, with
 * status) and the ratings they gave (the comment only for supervisors and admins, as the API
 * decides). Roles without it (analysts) see nothing here; the customer card above keeps their local time.
 */
export function CustomerContext({ ticket }: { ticket: Ticket }) {
  const { api, t, fmt } = useApp();
  const [context, setContext] = useState<CustomerContextAnswer | null>(null);
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    let current = true;
    api
      .query<CustomerContextAnswer>(`/tickets/${ticket.id}/customer-context`, { limit: String(SHOWN) })
      .then((answer) => current && setContext(answer))
      .catch((e) => current && e instanceof ApiProblem && (e.status === 403 || e.status === 404) && setHidden(true));
    return () => {
      current = false;
    };
    // Once per ticket and status: a resolution may bring a rating, and the history rarely moves otherwise.
  }, [api, ticket.id, ticket.status]);

  if (hidden) return null;
  if (!context) return <section class="card customer-context" aria-busy="true" aria-label={t('search.context.title')} />;
  const commentOf = (r: CustomerContextAnswer['ratings'][number]) =>
    r.comment !== undefined ? (r.comment ?? <span class="muted">{t('search.context.noComment')}</span>) : <span class="muted">{t(r.hasComment ? 'search.context.commentWithheld' : 'search.context.noComment')}</span>;
  return (
    <section aria-labelledby="context-title" class="card customer-context">
      <h2 id="context-title">{t('search.context.title')}</h2>
      {context.tickets.length === 0 ? (
        <p class="muted">{t('search.context.tickets', { total: 0 })}</p>
      ) : (
        <table class="compact" data-part="tickets">
          <caption>
            {t('search.context.tickets', { total: context.totalTickets })}
            {context.totalTickets > context.tickets.length && <small> · {t('search.context.showing', { shown: context.tickets.length, total: context.totalTickets })}</small>}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('search.context.col.ticket')}</th>
              <th scope="col">{t('search.context.col.status')}</th>
              <th scope="col">{t('search.context.col.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {context.tickets.map((other) => (
              <tr key={other.id} data-ticket={other.number}>
                <th scope="row">
                  <a href={ticketHref(other.id)}>
                    <span dir="ltr">{other.number}</span> <bdi>{other.subject}</bdi>
                  </a>
                </th>
                <td>{t('status', { status: other.status })}</td>
                <td>
                  <time dateTime={other.submittedAt}>{fmt.dateTime(other.submittedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {context.ratings.length === 0 ? (
        <p class="muted">{t('search.context.ratings', { count: 0 })}</p>
      ) : (
        <table class="compact" data-part="ratings">
          <caption>{t('search.context.ratings', { count: context.ratings.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('search.context.col.rated')}</th>
              <th scope="col">{t('search.context.col.ticket')}</th>
              <th scope="col">{t('search.context.col.score')}</th>
              <th scope="col">{t('search.context.col.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {context.ratings.map((r) => (
              <tr key={`${r.ticketId}:${r.ratedAt}`} data-ticket={r.number}>
                <td>
                  <time dateTime={r.ratedAt}>{fmt.dateTime(r.ratedAt)}</time>
                </td>
                <th scope="row">
                  <a href={ticketHref(r.ticketId)} dir="ltr">
                    {r.number}
                  </a>
                </th>
                <td data-field="score">{t('search.context.score', { score: r.score })}</td>
                <td dir="auto">{commentOf(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
