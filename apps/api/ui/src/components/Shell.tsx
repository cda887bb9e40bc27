import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { AgentRecord, Profile } from '../api/types';
import { App } from '../app-context';
import { formats, safeZone } from '../format';
import { DIRECTION, Locale, preferredLocale, translator } from '../i18n/i18n';
import { emailSignInHref, isPublicRoute, newRequestHref, Route, routeKey as keyOf, useRoute } from '../route';
import { ArticleEditor } from '../knowledge/ArticleEditor';
import { MacrosPage } from './MacrosPage';
import { RulesPage } from '../rules/RulesPage';
import { SearchPage } from '../search/SearchPage';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { AnalyticsScreen } from '../analytics/AnalyticsScreen';
import { AuditPage } from '../audit/AuditPage';
import { TicketAuditPage } from '../audit/TicketAuditPage';
import { ArticleList } from '../knowledge/ArticleList';
import { ArticlePage } from '../knowledge/ArticlePage';
import { HelpPage } from '../knowledge/HelpPage';
import { EmailSignInPage } from '../portal/EmailSignInPage';
import { PortalHome } from '../portal/PortalHome';
import { PortalTicket } from '../portal/PortalTicket';
import { VerifyPage } from '../portal/VerifyPage';
import { WebFormPage } from '../web-form/WebFormPage';
import { RatingApp } from '../rating/RatingPage';
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
  const routeKey = keyOf(route);
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
    // Customers are not on the roster: their times follow each request's own zone.
    if (!user || user.role === 'customer') return;
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

  const signedIn = (u: Profile) => (setNotice(''), setUser(u));

  // A rating link opened inside the app (the page was already loaded): the rating page is its own app.
  if (route.name === 'rate') return <RatingApp />;

  // The help pages are for everyone, signed in or not.
  if (isPublicRoute(route)) {
    return (
      <>
        {header}
        <main id="main" tabIndex={-1}>
          {publicScreen(route, api, locale, t)}
        </main>
      </>
    );
  }

  if (!user) {
    return (
      <>
        {header}
        <main id="main" tabIndex={-1}>
          {visitorScreen(route, { api, t, locale, notice, onSignedIn: signedIn })}
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
          customerScreen(route, { api, t, locale, user, onSignedIn: signedIn })
        ) : route.name === 'ticket' ? (
          <TicketPage key={route.id} id={route.id} />
        ) : route.name === 'articles' ? (
          <ArticleList />
        ) : route.name === 'editor' ? (
          <ArticleEditor key={route.id ?? 'new'} id={route.id} />
        ) : route.name === 'macros' ? (
          <MacrosPage />
        ) : route.name === 'rules' ? (
          <RulesPage />
        ) : route.name === 'search' ? (
          <SearchPage q={route.q} />
        ) : route.name === 'dashboard' ? (
          <DashboardScreen />
        ) : route.name === 'analytics' ? (
          <AnalyticsScreen />
        ) : route.name === 'audit' ? (
          <AuditPage />
        ) : route.name === 'audit-ticket' ? (
          <TicketAuditPage key={route.id} id={route.id} />
        ) : (
          <QueuePage />
        )}
      </main>
    </App.Provider>
  );
}

interface ScreenProps {
  api: ApiClient;
  t: ReturnType<typeof translator>;
  locale: Locale;
  onSignedIn(user: Profile): void;
}

/** Signed out: the web form, a verification link, sign-in by email, or the sign-in page. */
function visitorScreen(route: Route, { api, t, locale, onSignedIn, notice }: ScreenProps & { notice: string }) {
  switch (route.name) {
    case 'new':
      return <WebFormPage api={api} t={t} locale={locale} user={null} onSignedIn={onSignedIn} />;
    case 'verify':
      return <VerifyPage api={api} t={t} token={route.token} onSignedIn={onSignedIn} />;
    case 'email-sign-in':
      return <EmailSignInPage api={api} t={t} locale={locale} onSignedIn={onSignedIn} />;
    default:
      return (
        <>
          <SignIn api={api} t={t} notice={notice} onSignedIn={onSignedIn} />
          <nav class="card narrow" aria-labelledby="visitor-title">
            <h2 id="visitor-title">{t('visitor.title')}</h2>
            <ul class="plain">
              <li>
                <a href={newRequestHref}>{t('visitor.file')}</a>
              </li>
              <li>
                <a href={emailSignInHref}>{t('visitor.emailSignIn')}</a>
              </li>
            </ul>
          </nav>
        </>
      );
  }
}

/** The customer portal: my requests, one request, the web form, a verification link. */
function customerScreen(route: Route, { api, t, locale, user, onSignedIn }: ScreenProps & { user: Profile }) {
  switch (route.name) {
    case 'ticket':
      return <PortalTicket key={route.id} id={route.id} />;
    case 'new':
      return <WebFormPage api={api} t={t} locale={locale} user={user} onSignedIn={onSignedIn} />;
    case 'verify':
      return <VerifyPage api={api} t={t} token={route.token} onSignedIn={onSignedIn} />;
    case 'search':
      return <SearchPage q={route.q} />;
    default:
      return <PortalHome />;
  }
}

function publicScreen(route: Route, api: ApiClient, locale: Locale, t: ReturnType<typeof translator>) {
  if (route.name === 'article') return <ArticlePage key={route.id} api={api} locale={locale} t={t} id={route.id} sessionId={route.sessionId} />;
  return <HelpPage api={api} locale={locale} t={t} />;
}
