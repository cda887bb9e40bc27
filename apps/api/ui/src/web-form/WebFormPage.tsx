import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { CATEGORIES, LANGUAGES, Profile, VerificationSent } from '../api/types';
import { Locale, Translate } from '../i18n/i18n';
import { useTitle } from '../route';
import { afterVerified, CodeForm } from '../portal/CodeForm';
import { FormError } from '../components/FormError';
import { useSubmission } from '../components/use-submission';
import { ArticleSuggestions } from '../knowledge/ArticleSuggestions';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'Asia/Karachi';

interface Props {
  api: ApiClient;
  t: Translate;
  locale: Locale;
  /** A signed-in customer files at once under their own address; a visitor proves theirs first. */
  user: Profile | null;
  onSignedIn(user: Profile): void;
}

/**
 * The web form: what happened, the errors seen, the steps, the impact, files, and the language
 * and time zone (guessed from the browser, editable). Visitors get a link and code by email and
 * the request is filed once they use one; signed-in customers file at once.
 */
export function WebFormPage({ api, t, locale, user, onSignedIn }: Props) {
  useTitle(`${t('form.title')} · ${t('app.title')}`);
  const { busy, error, run } = useSubmission(t);
  const [sent, setSent] = useState<{ email: string; answer: VerificationSent } | null>(null);
  const customer = user?.role === 'customer' ? user : null;
  // What is typed in the subject and description, for the suggested articles beside the form.
  const [draft, setDraft] = useState('');
  const suggestionSession = useRef<string | null>(null);
  const filedAfterSuggestion = (ticketId: string) => {
    const session = suggestionSession.current;
    if (!session || !draft.trim()) return;
    // Counted for the deflection figures; a failure here must not stand between the customer and their ticket.
    void api.command(`/kb/suggestions/${session}/filed?consistentWith=${api.consistentWith}`, { ticketId }).catch(() => undefined);
  };
  const typed = (e: Event) => {
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    setDraft(`${value('subject')}\n${value('description')}`.trim());
  };
  // Guesses the visitor can change: set once, not bound (a re-render must not undo an edit).
  const formRef = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    const form = formRef.current;
    if (!form) return;
    (form.elements.namedItem('timezone') as HTMLInputElement).value = BROWSER_ZONE;
    (form.elements.namedItem('category') as HTMLSelectElement).value = 'general';
    (form.elements.namedItem('language') as HTMLSelectElement).value = locale;
    if (customer) (form.elements.namedItem('name') as HTMLInputElement).value = customer.name;
  }, [sent]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const fields = new FormData(e.currentTarget as HTMLFormElement);
    const form = new FormData();
    const text = (name: string) => String(fields.get(name) ?? '').trim();
    form.set('subject', text('subject'));
    form.set('description', text('description'));
    form.set('category', text('category'));
    text('errors')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .forEach((line, i) => form.set(`errorMessages[${i}]`, line));
    if (text('steps')) form.set('stepsToReproduce', text('steps'));
    if (text('impact')) form.set('impact', text('impact'));
    const email = customer ? customer.email : text('email');
    form.set('customer[name]', text('name'));
    form.set('customer[email]', email);
    form.set('customer[timezone]', text('timezone'));
    form.set('customer[language]', text('language'));
    for (const file of fields.getAll('files')) if (file instanceof File && file.size > 0) form.append('files', file, file.name);
    await run(async () => {
      if (customer) {
        form.set('channel', 'web');
        const result = await api.upload<{ id: string; position: string }>('/tickets', form);
        filedAfterSuggestion(result.id);
        location.hash = `#/tickets/${result.id}`;
      } else {
        setSent({ email, answer: await api.upload<VerificationSent>('/public/tickets', form, { auth: false }) });
      }
    });
  };

  if (sent) {
    return (
      <section class="card narrow" aria-labelledby="form-sent-title">
        <h1 id="form-sent-title">{t('form.title')}</h1>
        <p class="notice" role="status">
          {t('form.sent', { email: sent.email, minutes: sent.answer.expiresInMinutes })}
        </p>
        <CodeForm api={api} t={t} email={sent.email} onVerified={(v) => (onSignedIn(v.user), v.ticket && filedAfterSuggestion(v.ticket.id), afterVerified(v))} />
      </section>
    );
  }

  return (
    <section class="card form-page" aria-labelledby="form-title">
      <h1 id="form-title">{t('form.title')}</h1>
      <p>{customer ? t('form.introSignedIn', { email: customer.email }) : t('form.intro')}</p>
      <form ref={formRef} onSubmit={submit} onInput={typed} aria-busy={busy}>
        <div class="form-grid">
          <label>
            <span>{t('form.name')}</span>
            <input name="name" autoComplete="name" required maxLength={200} />
          </label>
          {!customer && (
            <label>
              <span>{t('form.email')}</span>
              <input name="email" type="email" autoComplete="email" required dir="ltr" />
            </label>
          )}
        </div>
        <label>
          <span>{t('form.subject')}</span>
          <input name="subject" required maxLength={200} />
        </label>
        <label>
          <span>{t('form.description')}</span>
          <textarea name="description" required rows={5} maxLength={20000} />
        </label>
        <label>
          <span>{t('form.errors')}</span>
          <textarea name="errors" rows={2} dir="auto" />
        </label>
        <label>
          <span>{t('form.steps')}</span>
          <textarea name="steps" rows={3} maxLength={10000} />
        </label>
        <label>
          <span>{t('form.impact')}</span>
          <textarea name="impact" rows={2} maxLength={5000} />
        </label>
        <div class="form-grid">
          <label>
            <span>{t('form.category')}</span>
            <select name="category">
              {CATEGORIES.map((c) => (
                <option value={c} key={c}>
                  {t('category', { category: c })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('form.language')}</span>
            <select name="language">
              {LANGUAGES.map((l) => (
                <option value={l} key={l}>
                  {t('language', { language: l })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('form.timezone')}</span>
            <input name="timezone" required dir="ltr" aria-describedby="timezone-hint" />
            <small id="timezone-hint" class="muted">
              {t('form.timezoneHint')}
            </small>
          </label>
        </div>
        <label>
          <span>{t('form.files')}</span>
          <input name="files" type="file" multiple />
        </label>
        <ArticleSuggestions api={api} text={draft} locale={locale} context="ticket_form" onSession={(id) => (suggestionSession.current = id)} />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('form.sending') : t('form.submit')}
        </button>
      </form>
    </section>
  );
}
