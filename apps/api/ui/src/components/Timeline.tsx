import { StoredEvent, Ticket } from '../api/types';
import { useApp } from '../app-context';
import { eventSentence } from '../event-sentence';
import { actorName } from '../names/actor-name';
import { useNames } from '../names/use-names';

/** The ticket's events from the event store, as sentences in the agent's language. */
export function Timeline({ events, ticket }: { events: StoredEvent[] | null; ticket: Ticket }) {
  const { t, fmt } = useApp();
  const names = useNames();
  const nameOf = (actor: { id: string; role: string }) => actorName(actor, names, ticket.customer.name);
  // Without access to the history (analysts), the comments on the ticket are what there is.
  const items = events ?? [];
  return (
    <section aria-labelledby="timeline-title" class="card">
      <h2 id="timeline-title">{t('ticket.timeline')}</h2>
      {events === null && <p class="muted">{t('ticket.comments', { count: ticket.comments.length })}</p>}
      {events !== null && items.length === 0 && <p class="muted">{t('ticket.timelineEmpty')}</p>}
      <ol class="timeline">
        {items.map((event) => {
          const d = event.data;
          const internal = event.type === 'CommentAdded' && d.visibility === 'internal';
          const sla = event.type === 'SlaBreached' ? 'breached' : event.type === 'SlaWarningIssued' ? 'risk' : null;
          const at = event.metadata.occurredAt ?? event.recordedAt;
          const detail = detailOf(event);
          return (
            <li key={event.id} class={['event', internal ? 'internal' : '', sla ? `sla-${sla}` : ''].join(' ').trim()} data-type={event.type}>
              <time dateTime={at}>{fmt.dateTime(at)}</time>
              <p class="sentence">{eventSentence(t, fmt, event, nameOf)}</p>
              {detail && (
                <blockquote dir="auto" class="body">
                  {detail}
                </blockquote>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function detailOf(event: StoredEvent): string | null {
  const d = event.data;
  const text = (k: string) => (typeof d[k] === 'string' && d[k] ? (d[k] as string) : null);
  switch (event.type) {
    case 'CommentAdded':
      return text('body');
    case 'TicketResolved':
      return text('resolution');
    case 'RuleFired':
      return null; // its sentence already says why a stopped firing was stopped, in the agent's language
    default:
      return text('reason') ?? text('note');
  }
}
