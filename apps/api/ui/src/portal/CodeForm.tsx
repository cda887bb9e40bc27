import { ApiClient } from '../api/client';
import { Verified } from '../api/types';
import { Translate } from '../i18n/i18n';
import { FormError } from '../components/FormError';
import { useSubmission } from '../components/use-submission';

/** The six-digit code from the mail, typed in: signs in (and files a waiting web-form request). */
export function CodeForm({ api, t, email, onVerified }: { api: ApiClient; t: Translate; email: string; onVerified(verified: Verified): void }) {
  const { busy, error, run } = useSubmission(t);
  const submit = async (e: Event) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget as HTMLFormElement).get('code') ?? '').trim();
    await run(async () => {
      onVerified(await api.verifyEmail({ email, code }));
    });
  };
  return (
    <form onSubmit={submit} aria-busy={busy}>
      <label>
        <span>{t('emailSignIn.code')}</span>
        <input name="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required dir="ltr" />
      </label>
      <FormError error={error} />
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
