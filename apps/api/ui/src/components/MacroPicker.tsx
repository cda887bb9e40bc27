import { useEffect, useState } from 'preact/hooks';
import { Ticket } from '../api/types';
import { useApp } from '../app-context';
import { canTag } from '../ticket-actions';
import { Run } from './TicketActions';

interface MacroItem {
  id: string;
  name: string;
}

/** The team's macros: pick one and apply it (its reply and changes) in one step. */
export function MacroPicker({ ticket, busy, run }: { ticket: Ticket; busy: string | null; run: Run }) {
  const { t, user, api } = useApp();
  const staff = canTag(user);
  const [macros, setMacros] = useState<MacroItem[] | null>(null);
  useEffect(() => {
    if (!staff) return;
    api
      .query<{ items: MacroItem[] }>('/macros')
      .then((r) => setMacros(r.items))
      .catch(() => setMacros([]));
  }, [api, staff, ticket.revision]); // read again as the ticket moves: a macro written meanwhile shows up
  if (!staff || macros === null || ticket.status === 'closed') return null;
  return (
    <section aria-labelledby="macros-title" class="card">
      <h2 id="macros-title">{t('macros.title')}</h2>
      {macros.length === 0 ? (
        <p class="muted">{t('macros.none')}</p>
      ) : (
        <form
          class="action-form action-macro"
          onSubmit={async (e) => {
            e.preventDefault();
            const id = String(new FormData(e.currentTarget as HTMLFormElement).get('macro') ?? '');
            if (id) await run('macro', `macros/${id}`, {});
          }}
        >
          <label>
            <span>{t('macros.choose')}</span>
            <select name="macro" required>
              {macros.map((m) => (
                <option value={m.id} key={m.id} dir="auto">
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy !== null} data-action="macro">
            {busy === 'macro' ? t('action.working') : t('action.macro')}
          </button>
        </form>
      )}
    </section>
  );
}
