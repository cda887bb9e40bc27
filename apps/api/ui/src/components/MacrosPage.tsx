import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, PRIORITIES } from '../api/types';
import { useApp } from '../app-context';
import { useTitle } from '../route';
import { problemText } from './problem-text';

interface MacroRecord {
  id: string;
  name: string;
  version: number;
  content: {
    reply: { en: string; ur: string | null } | null;
    visibility: 'public' | 'internal';
    changes: { priority: string | null; category: string | null; addTags: string[]; removeTags: string[] };
  };
}

const MANAGERS = new Set(['supervisor', 'admin']);
const PLACEHOLDERS = ['customer.name', 'ticket.number', 'ticket.subject', 'agent.name'].map((p) => `{{${p}}}`).join(', ');

/** Supervisors' screen: the team's macros, a form for a new one, and retiring an old one. */
export function MacrosPage() {
  const { api, t, user, announce } = useApp();
  const [items, setItems] = useState<MacroRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(`${t('macros.title')} · ${t('app.title')}`);
  const load = () => api.query<{ items: MacroRecord[] }>('/macros').then((r) => setItems(r.items));
  useEffect(() => void load().catch((e) => setError(problemText(t, e))), [api]);
  const manager = MANAGERS.has(user.role);
  /** A field the macro may set, or leave as the ticket has it (the empty choice). */
  const unchangedOr = (name: string, label: string, values: readonly string[], valueName: (value: string) => string) => (
    <label>
      <span>{label}</span>
      <select name={name}>
        <option value="">{t('macros.unchanged')}</option>
        {values.map((value) => (
          <option value={value} key={value}>
            {valueName(value)}
          </option>
        ))}
      </select>
    </label>
  );

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await load();
      announce(done);
      return true;
    } catch (e) {
      setError(problemText(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="macros-page-title">
      <h1 id="macros-page-title">{t('macros.title')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {items === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p class="muted">{t('macros.none')}</p>
      ) : (
        <ul class="kb-list macro-list">
          {items.map((m) => (
            <li key={m.id} dir="auto" data-macro={m.id}>
              <strong>{m.name}</strong> · {t('macros.summary', { reply: m.content.reply ? m.content.visibility : 'none', version: m.version })}
              {manager && (
                <>
                  {' '}
                  <button type="button" class="secondary" disabled={busy} onClick={() => act(() => api.command(`/macros/${m.id}/retire`, {}), t('macros.retired', { name: m.name }))}>
                    {t('macros.retire', { name: m.name })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {manager && (
        <form
          class="macro-form"
          aria-labelledby="macro-new-title"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget as HTMLFormElement;
            const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
            const body = {
              name: v.name,
              reply: v.en.trim() ? { en: v.en, ur: v.ur.trim() || null } : null,
              visibility: v.visibility,
              changes: {
                priority: v.priority || null,
                category: v.category || null,
                addTags: v.tags.split(',').map((s) => s.trim()).filter(Boolean),
              },
            };
            if (await act(() => api.command('/macros', body), t('macros.created', { name: v.name }))) form.reset();
          }}
        >
          <h2 id="macro-new-title">{t('macros.new')}</h2>
          <label>
            <span>{t('macros.field.name')}</span>
            <input name="name" required maxLength={100} dir="auto" />
          </label>
          <label>
            <span>{t('macros.field.en')}</span>
            <textarea name="en" rows={4} maxLength={20000} dir="ltr" />
          </label>
          <label>
            <span>{t('macros.field.ur')}</span>
            <textarea name="ur" rows={4} maxLength={20000} dir="rtl" lang="ur" />
          </label>
          <p class="muted" dir="auto">
            {t('macros.placeholders', { list: PLACEHOLDERS })}
          </p>
          <label>
            <span>{t('macros.field.visibility')}</span>
            <select name="visibility">
              <option value="public">{t('macros.visibility', { visibility: 'public' })}</option>
              <option value="internal">{t('macros.visibility', { visibility: 'internal' })}</option>
            </select>
          </label>
          {unchangedOr('priority', t('action.field.priority'), PRIORITIES, (p) => t('priority', { priority: p }))}
          {unchangedOr('category', t('action.field.category'), CATEGORIES, (c) => t('category', { category: c }))}
          <label>
            <span>{t('tags.add')}</span>
            <input name="tags" maxLength={400} dir="auto" autocomplete="off" />
          </label>
          <button type="submit" disabled={busy}>
            {t('macros.create')}
          </button>
        </form>
      )}
    </section>
  );
}
