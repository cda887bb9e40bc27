import { ApiClient } from '../api/client';
import { Profile } from '../api/types';
import { Translate } from '../i18n/i18n';
import { emailSignInHref, useTitle } from '../route';
import { afterVerified } from './CodeForm';
import { useSubmission } from '../components/use-submission';

/**
 * The page a verification link opens. Nothing happens on opening it (mail scanners open every
 * link): the visitor confirms with a click, and only that POST uses the link.
 */
export function VerifyPage({ api, t, token, onSignedIn }: { api: ApiClient; t: Translate; token: string; onSignedIn(user: Profile): void }) {
  useTitle(`${t('verify.title')} · ${t('app.title')}`);
  const { busy, error, run } = useSubmission(t);

  const confirm = async () => {
    await run(async () => {
      const verified = await api.verifyEmail({ token });
      onSignedIn(verified.user);
      afterVerified(verified);
    });
  };

  return (
    <section class="card narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{error ? t('verify.failed') : t('verify.title')}</h1>
      {error ? (
        <>
          <p class="error" role="alert">
            {error}
          </p>
          <p>
            <a href={emailSignInHref}>{t('verify.again')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('verify.intro')}</p>
          <button type="button" onClick={confirm} disabled={busy} aria-busy={busy}>
            {busy ? t('verify.working') : t('verify.confirm')}
          </button>
        </>
      )}
    </section>
  );
}
