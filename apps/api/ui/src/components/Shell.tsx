import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { AgentRecord, Profile } from '../api/types';
import { App } from '../app-context';
import { formats, safeZone } from '../format';
import { DIRECTION, Locale, preferredLocale, translator } from '../i18n/i18n';
import { useRoute } from '../route';
import { Header } from './Header';
import { QueuePage } from './QueuePage';
import { SignIn } from './SignIn';
import { TicketPage } from './TicketPage';

const LOCALE_KEY = 'helpdesk.locale';
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The page: language and direction, the session, and the screen the hash names. */
export function Shell({ api }: { api: ApiClient }) {
  const [locale, setLocale] = useState<Locale>(() => preferredLocale(localStorage.getItem(LOCALE_KEY), navigator.languages));
  const [user, setUser] = useState<Profile | null>(api.user);
  const [zone, setZone] = useState(BROWSER_ZONE);
  const [notice, setNotice] = useState('');
  const t = useMemo(() => translator(locale), [locale]);
  const route = useRoute();

  // Language and direction change with the text, in the same commit (a layout effect).
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = DIRECTION[locale];
    localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  // A new screen takes the focus, so keyboard and screen-reader users start at its top; in the
  // commit that shows it (a layout effect), so the focus never lags behind the screen.
  const routeKey = route.name === 'ticket' ? `ticket:${route.id}` : 'queue';
  const shownRoute = useRef(routeKey);
  useLayoutEffect(() => {
    if (shownRoute.current === routeKey) return;
    shownRoute.current = routeKey;
    document.getElementById('main')?.focus();
  }, [routeKey]);

  useEffect(() => {
    api.onSessionEnded = () => {
      setUser(null);
      setNotice(t('session.ended'));
    };
  }, [api, t]);

  // Times are shown in the agent's own zone, from the roster; the browser's when not rostered.
  useEffect(() => {
    if (!user) return;
    api
      .query<AgentRecord>(`/agents/${encodeURIComponent(user.id)}`)
      .then((agent) => setZone(safeZone(agent.timeZone, BROWSER_ZONE)))
      .catch(() => setZone(BROWSER_ZONE));
  }, [api, user]);

  const fmt = useMemo(() => formats(locale, zone), [locale, zone]);

  const header = (
    <Header
      t={t}
      locale={locale}
      onLocale={setLocale}
      user={user}
      zone={zone}
      onSignOut={async () => {
        await api.signOut().catch(() => undefined);
        setUser(null);
      }}
    />
  );

  if (!user) {
    return (
      <>
        {header}
        <main id="main" tabIndex={-1}>
          <SignIn api={api} t={t} notice={notice} onSignedIn={(u) => (setNotice(''), setUser(u))} />
        </main>
      </>
    );
  }

  return (
    <App.Provider value={{ api, user, locale, t, fmt, announce: setNotice }}>
      {header}
      <p class="sr-only" role="status" aria-live="polite">
        {notice}
      </p>
      <main id="main" tabIndex={-1}>
        {user.role === 'customer' ? (
          <p class="card narrow">{t('app.staffOnly')}</p>
        ) : route.name === 'ticket' ? (
          <TicketPage key={route.id} id={route.id} />
        ) : (
          <QueuePage />
        )}
      </main>
    </App.Provider>
  );
}
