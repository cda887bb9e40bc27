import { useMemo } from 'preact/hooks';
import { useApp } from '../app-context';
import { TicketState } from './audit-types';
import { changedFields, stateRows } from './ticket-state-rows';
import { preciseDateTime } from './zoned-time';

interface Props {
  caption: string;
  state: TicketState;
  /** Given: a column says what this step changed, and from what. */
  previous?: TicketState;
  class?: string;
}

/** A ticket's state as a table: one row per field, and what the step changed when it follows another. */
export function StateTable({ caption, state, previous, class: className }: Props) {
  const { t, fmt, locale } = useApp();
  const when = useMemo(() => preciseDateTime(locale, fmt.timeZone), [locale, fmt.timeZone]);
  const rows = stateRows(t, when, state);
  const changes = previous ? changedFields(stateRows(t, when, previous), rows) : null;
  return (
    <table class={`audit-table state-table ${className ?? ''}`.trim()}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.state.field')}</th>
          <th scope="col">{t('audit.state.value')}</th>
          {changes && <th scope="col">{t('audit.state.change')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const was = changes?.get(row.field);
          return (
            <tr key={row.field} data-field={row.field} class={was !== undefined ? 'changed' : undefined}>
              <th scope="row">{t('audit.field', { field: row.field })}</th>
              <td class="value">
                <bdi>{row.value}</bdi>
              </td>
              {changes && <td class="change">{was !== undefined ? t('audit.state.was', { before: was }) : t('audit.state.same')}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
