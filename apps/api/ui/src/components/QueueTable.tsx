import { Page, QueueItem } from '../api/types';
import { useApp } from '../app-context';
import { useNames } from '../names/use-names';
import { slaState, slaText } from '../format';
import { ticketHref } from '../route';
import { PriorityBadge } from './PriorityBadge';

export function QueueTable({ page }: { page: Page<QueueItem> }) {
  const { t, fmt } = useApp();
  const nameOf = useNames();
  const now = new Date();
  const columns = {
    number: t('queue.col.number'),
    subject: t('queue.col.subject'),
    customer: t('queue.col.customer'),
    priority: t('queue.col.priority'),
    status: t('queue.col.status'),
    age: t('queue.col.age'),
    sla: t('queue.col.sla'),
    assignee: t('ticket.assignee'),
  };
  return (
    <table class="queue">
      <caption>{t(page.totalExact === false ? 'queue.caption.more' : 'queue.caption', { count: page.total })}</caption>
      <thead>
        <tr>
          {Object.entries(columns).map(([key, label]) => (
            <th scope="col" key={key}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {page.items.map((item) => {
          const state = slaState(item.sla, item.slaAtRisk);
          return (
            <tr key={item.id} data-ticket={item.number} class={`sla-${state}`}>
              <th scope="row" data-label={columns.number}>
                <a href={ticketHref(item.id)} dir="ltr">
                  {item.number}
                </a>
              </th>
              <td data-label={columns.subject} dir="auto">
                {item.subject}
              </td>
              <td data-label={columns.customer} dir="auto">
                {item.customerName}
              </td>
              <td data-label={columns.priority}>
                <PriorityBadge priority={item.priority} category={item.category} />
              </td>
              <td data-label={columns.status}>{t('status', { status: item.status })}</td>
              <td data-label={columns.age}>
                <time dateTime={item.submittedAt} title={fmt.dateTime(item.submittedAt)}>
                  {fmt.age(item.submittedAt, now)}
                </time>
              </td>
              <td data-label={columns.sla}>
                <span class={`sla sla-${state}`}>
                  {slaText(t, item.sla)}
                  {state !== 'none' && <span class="sr-only"> ({t('sla.state', { state })})</span>}
                </span>
              </td>
              <td data-label={columns.assignee} dir="auto" data-field="assignee">
                {item.assigneeId ? nameOf(item.assigneeId) : <span class="muted">{t('ticket.unassigned')}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
