import { CATEGORIES } from '../api/types';
import { useApp } from '../app-context';
import { EMPTY_TRAIL_FORM, TRAIL_EVENT_TYPES, TrailForm } from './trail-filter';

interface Props {
  form: TrailForm;
  busy: boolean;
  onChange(form: TrailForm): void;
  onApply(): void;
  onClear(): void;
}

/** What GET /audit/trail filters on: the ticket, who, the event, the category, and a time range in the auditor's zone. */
export function TrailFilters({ form, busy, onChange, onApply, onClear }: Props) {
  const { t, fmt } = useApp();
  const set = (field: keyof TrailForm) => (e: Event) => onChange({ ...form, [field]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <form
      class="trail-filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <fieldset class="filters">
        <legend>{t('audit.trail.filters')}</legend>
        <label>
          <span>{t('audit.ticketRef.label')}</span>
          <input name="ticket" value={form.ticket} onInput={set('ticket')} dir="ltr" autoComplete="off" spellcheck={false} />
        </label>
        <label>
          <span>{t('audit.trail.actor')}</span>
          <input name="actor" value={form.actor} onInput={set('actor')} dir="ltr" autoComplete="off" spellcheck={false} />
        </label>
        <label>
          <span>{t('audit.trail.type')}</span>
          <select name="type" value={form.type} onChange={set('type')}>
            <option value="">{t('audit.trail.any')}</option>
            {TRAIL_EVENT_TYPES.map((type) => (
              <option key={type} value={type} lang="en" dir="ltr">
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.trail.category')}</span>
          <select name="category" value={form.category} onChange={set('category')}>
            <option value="">{t('audit.trail.any')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t('category', { category })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>
            {t('audit.trail.from')} <small>({fmt.timeZone})</small>
          </span>
          <input type="datetime-local" step={1} name="from" value={form.from} onInput={set('from')} />
        </label>
        <label>
          <span>
            {t('audit.trail.to')} <small>({fmt.timeZone})</small>
          </span>
          <input type="datetime-local" step={1} name="to" value={form.to} onInput={set('to')} />
        </label>
        <button type="submit" disabled={busy}>
          {t('audit.trail.apply')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={() => {
            onChange(EMPTY_TRAIL_FORM);
            onClear();
          }}
        >
          {t('audit.trail.clear')}
        </button>
      </fieldset>
    </form>
  );
}
