import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { useLatest } from '../live';
import { AuditEntry, TrailPage } from './audit-types';
import { ExportLinks } from './ExportLinks';
import { ticketIdOf, TicketRefError } from './ticket-ref';
import { EMPTY_TRAIL_FORM, TrailForm, TrailParams, trailParams } from './trail-filter';
import { TrailFilters } from './TrailFilters';
import { TrailTable } from './TrailTable';

const PAGE = '25';

/** The audit trail, newest first, filtered, a page at a time, with its exports. */
export function AuditTrail() {
  const { api, t, fmt } = useApp();
  const [form, setForm] = useState<TrailForm>(EMPTY_TRAIL_FORM);
  const [applied, setApplied] = useState<TrailParams>({});
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useLatest();

  const load = async (params: TrailParams, cursor?: string) => {
    const current = latest();
    setBusy(true);
    try {
      const page = await api.query<TrailPage>('/audit/trail', { ...params, limit: PAGE, cursor });
      if (!current()) return;
      setEntries((shown) => (cursor ? [...(shown ?? []), ...page.items] : page.items));
      setNext(page.nextCursor);
      setError(null);
    } catch (e) {
      if (current()) setError(problemText(t, e));
    } finally {
      if (current()) setBusy(false);
    }
  };
  useEffect(() => void load({}), [api]);

  const apply = async () => {
    setError(null);
    try {
      const ticketId = form.ticket.trim() ? await ticketIdOf(api, t, form.ticket) : undefined;
      const query = trailParams(form, ticketId, fmt.timeZone);
      if ('badTime' in query) return setError(t('audit.trail.badTime', { field: t(query.badTime === 'from' ? 'audit.trail.from' : 'audit.trail.to') }));
      setApplied(query.params);
      await load(query.params);
    } catch (e) {
      setError(e instanceof TicketRefError ? e.message : problemText(t, e));
    }
  };

  return (
    <section class="card trail" aria-labelledby="trail-title" aria-busy={busy}>
      <h2 id="trail-title">{t('audit.trail.title')}</h2>
      <TrailFilters
        form={form}
        busy={busy}
        onChange={setForm}
        onApply={apply}
        onClear={() => {
          setApplied({});
          void load({});
        }}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {entries === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div class="table-scroll">
          <TrailTable entries={entries} />
        </div>
      )}
      {next && (
        <button type="button" class="secondary" disabled={busy} onClick={() => load(applied, next)}>
          {t('audit.trail.more')}
        </button>
      )}
      <ExportLinks params={applied} />
    </section>
  );
}
