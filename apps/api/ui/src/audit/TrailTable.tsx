import { useMemo } from 'preact/hooks';
import { useApp } from '../app-context';
import { eventSentence } from '../event-sentence';
import { auditTicketHref } from './audit-route';
import { AuditEntry } from './audit-types';
import { asStoredEvent } from './history-event';
import { changeTexts } from './trail-changes';
import { preciseDateTime } from './zoned-time';

/** The trail's entries: when, which ticket (its replay a click away), what happened and which fields it changed. */
export function TrailTable({ entries }: { entries: AuditEntry[] }) {
  const { t, fmt, locale } = useApp();
  const when = useMemo(() => preciseDateTime(locale, fmt.timeZone), [locale, fmt.timeZone]);
  return (
    <table class="audit-table trail-table">
      <caption>{t('audit.trail.caption', { count: entries.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.trail.col.when')}</th>
          <th scope="col">{t('audit.trail.col.ticket')}</th>
          <th scope="col">{t('audit.trail.col.revision')}</th>
          <th scope="col">{t('audit.trail.col.what')}</th>
          <th scope="col">{t('audit.trail.col.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const changes = changeTexts(t, entry.changes);
          return (
            <tr key={entry.id} data-ticket={entry.number} data-type={entry.type}>
              <td>
                <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
              </td>
              <td>
                <a href={auditTicketHref(entry.ticketId)} aria-label={t('audit.trail.replay', { number: entry.number })} dir="ltr">
                  {entry.number}
                </a>
              </td>
              <td>{entry.revision}</td>
              <td>{eventSentence(t, fmt, asStoredEvent(entry))}</td>
              <td>
                {changes.length ? (
                  <ul class="plain changes">
                    {changes.map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                ) : (
                  <span class="muted">{t('audit.trail.noChanges')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
