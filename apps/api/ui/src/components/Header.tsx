import { Profile } from '../api/types';
import { Locale, LOCALES, Translate } from '../i18n/i18n';
import { SearchBox } from '../search/SearchBox';
import { analyticsHref, dashboardHref, newRequestHref, queueHref, rulesHref } from '../route';
import { canAudit } from '../audit/audit-roles';
import { auditHref } from '../audit/audit-route';

interface Props {
  t: Translate;
  locale: Locale;
  onLocale(locale: Locale): void;
  user: Profile | null;
  zone: string;
  onSignOut(): void;
}

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ur: 'اردو' };

export function Header({ t, locale, onLocale, user, zone, onSignOut }: Props) {
  return (
    <header class="top">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <a class="brand" href={queueHref}>
        {t('app.title')}
      </a>
      {user && (
        <nav aria-label={t('app.nav')}>
          <a href={queueHref}>{user.role === 'customer' ? t('portal.nav') : t('queue.title')}</a>
          {user.role === 'customer' && <a href={newRequestHref}>{t('portal.new')}</a>}
          {user.role !== 'customer' && <a href="#/kb">{t('kb.list.title')}</a>}
          {['agent', 'supervisor', 'admin'].includes(user.role) && <a href="#/macros">{t('macros.title')}</a>}
          {['supervisor', 'admin', 'auditor'].includes(user.role) && <a href={rulesHref}>{t('rules.title')}</a>}
          {['supervisor', 'admin'].includes(user.role) && <a href={dashboardHref}>{t('dashboard.nav')}</a>}
          {['analyst', 'supervisor', 'admin'].includes(user.role) && <a href={analyticsHref}>{t('dashboard.analytics.nav')}</a>}
          {canAudit(user.role) && <a href={auditHref}>{t('audit.nav')}</a>}
          <a href="#/help">{t('kb.help.title')}</a>
        </nav>
      )}
      {/* Analysts read tickets with their text withheld: they do not search it. */}
      {user && user.role !== 'analyst' && <SearchBox t={t} />}
      <div class="top-end">
        <label class="inline">
          <span>{t('app.language')}</span>
          <select value={locale} onChange={(e) => onLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
            {LOCALES.map((l) => (
              <option value={l} lang={l} key={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {user && (
          <>
            <span class="who">
              {t('session.who', { name: user.name, role: t('role', { role: user.role }) })}
              <small>{t('session.zone', { zone })}</small>
            </span>
            <button type="button" class="secondary" onClick={onSignOut}>
              {t('signOut')}
            </button>
          </>
        )}
      </div>
    </header>
  );
}
