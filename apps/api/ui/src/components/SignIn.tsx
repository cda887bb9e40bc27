import { ApiClient } from '../api/client';
import { Profile } from '../api/types';
import { Translate } from '../i18n/i18n';
import { useTitle } from '../route';
import { FormError } from './FormError';
import { useSubmission } from './use-submission';

export function SignIn({ api, t, notice, onSignedIn }: { api: ApiClient; t: Translate; notice: string; onSignedIn(user: Profile): void }) {
  useTitle(`${t('signIn.title')} · ${t('app.title')}`);
  const { busy, error, run } = useSubmission(t);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    await run(async () => {
      onSignedIn(await api.signIn(String(form.get('email')), String(form.get('password'))));
    });
  };

  return (
    <section class="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={submit} aria-busy={busy}>
        <label>
          <span>{t('signIn.email')}</span>
          <input name="email" type="email" autoComplete="username" required dir="ltr" />
        </label>
        <label>
          <span>{t('signIn.password')}</span>
          <input name="password" type="password" autoComplete="current-password" required dir="ltr" />
        </label>
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
