import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Verified } from '../api/types';
import { problemText } from '../components/problem-text';
import { Translate } from '../i18n/i18n';

/** The six-digit code from the mail, typed in: signs in (and files a waiting web-form request). */
export function CodeForm({ api, t, email, onVerified }: { api: ApiClient; t: Translate; email: string; onVerified(verified: Verified): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget as HTMLFormElement).get('code') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onVerified(await api.verifyEmail({ email, code }));
    } catch (err) {
      setError(problemText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-busy={busy}>
      <label>
        <span>{t('emailSignIn.code')}</span>
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required dir="ltr" />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('emailSignIn.verifying') : t('emailSignIn.verify')}
      </button>
    </form>
  );
}

/** Where to go once an address is proved: the ticket the web form filed, else my requests. */
export function afterVerified(verified: Verified): void {
  location.hash = verified.ticket ? `#/tickets/${verified.ticket.id}` : '#/';
}
