import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Profile } from '../api/types';
import { problemText } from '../components/problem-text';
import { Translate } from '../i18n/i18n';
import { emailSignInHref, useTitle } from '../route';
import { afterVerified } from './CodeForm';

/**
 * The page a verification link opens. Nothing happens on opening it (mail scanners open every
 * link): the visitor confirms with a click, and only that POST uses the link.
 */
export function VerifyPage({ api, t, token, onSignedIn }: { api: ApiClient; t: Translate; token: string; onSignedIn(user: Profile): void }) {
  useTitle(`${t('verify.title')} · ${t('app.title')}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const verified = await api.verifyEmail({ token });
      onSignedIn(verified.user);
      afterVerified(verified);
    } catch (err) {
      setError(problemText(t, err));
    } finally {
      setBusy(false);
    }
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
