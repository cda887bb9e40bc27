import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Profile } from '../api/types';
import { Locale, Translate } from '../i18n/i18n';
import { useTitle } from '../route';
import { afterVerified, CodeForm } from './CodeForm';
import { FormError } from '../components/FormError';
import { useSubmission } from '../components/use-submission';

/** Sign-up and sign-in for customers: a link and a code by email, no password needed. */
export function EmailSignInPage({ api, t, locale, onSignedIn }: { api: ApiClient; t: Translate; locale: Locale; onSignedIn(user: Profile): void }) {
  useTitle(`${t('emailSignIn.title')} · ${t('app.title')}`);
  const [sent, setSent] = useState<{ email: string; minutes: number } | null>(null);
  const { busy, error, run } = useSubmission(t);

  const submit = async (e: Event) => {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    await run(async () => {
      const answer = await api.startEmailSignIn(email, locale);
      setSent({ email, minutes: answer.expiresInMinutes });
    });
  };

  return (
    <section class="card narrow" aria-labelledby="email-sign-in-title">
      <h1 id="email-sign-in-title">{t('emailSignIn.title')}</h1>
      <p>{t('emailSignIn.intro')}</p>
      <form onSubmit={submit} aria-busy={busy}>
        <label>
          <span>{t('emailSignIn.email')}</span>
          <input name="email" type="email" autoComplete="email" required dir="ltr" />
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('emailSignIn.sending') : t('emailSignIn.send')}
        </button>
      </form>
      {sent && (
        <>
          <p class="notice" role="status">
            {t('emailSignIn.sent', { email: sent.email, minutes: sent.minutes })}
          </p>
          <CodeForm api={api} t={t} email={sent.email} onVerified={(v) => (onSignedIn(v.user), afterVerified(v))} />
        </>
      )}
    </section>
  );
}
