import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { parseRatingRoute } from './rating/rating-route';
import { AuditRoute, parseAuditRoute } from './audit/audit-route';
import { parseSearchRoute, SearchRoute } from './search/search-route';

export type Route =
  | { name: 'queue' }
  | { name: 'ticket'; id: string }
  /** The web form (visitors and customers). */
  | { name: 'new' }
  /** The link in a verification mail. */
  | { name: 'verify'; token: string }
  | { name: 'email-sign-in' }
  /** The public rating page a resolution mail links to (apps/api/ui/src/rating). */
  | { name: 'rate' }
  /** The knowledge base: help pages for everyone, the article list and editor for staff. */
  | { name: 'help' }
  | { name: 'article'; id: string; sessionId?: string }
  | { name: 'articles' }
  | { name: 'editor'; id: string | null }
  /** Supervisors keep the team's macros here; agents see the list. */
  | { name: 'macros' }
  /** Supervisors and admins keep the automation rules here; auditors read them. */
  | { name: 'rules' }
  /** Supervisors' and admins' live dashboard; analysts' metrics (apps/api/ui/src/dashboard, analytics). */
  | { name: 'dashboard' }
  | { name: 'analytics' }
  /** The auditor screens (apps/api/ui/src/audit): the trail, verification, checkpoints; a ticket's replay. */
  | AuditRoute
  /** Ticket search results, for staff and customers (apps/api/ui/src/search). */
  | SearchRoute;

/** Routes open to visitors (the help pages): shown without signing in. */
export const isPublicRoute = (route: Route) => route.name === 'help' || route.name === 'article';

/** Hash routes, so the API app serves one static page and every URL can be bookmarked. */
export function parseRoute(hash: string): Route {
  const ticket = /^#\/tickets\/([A-Za-z0-9-]{1,80})$/.exec(hash);
  if (ticket) return { name: 'ticket', id: ticket[1] };
  if (hash === '#/help') return { name: 'help' };
  if (hash === '#/kb') return { name: 'articles' };
  if (hash === '#/kb/new') return { name: 'editor', id: null };
  const edit = /^#\/kb\/([A-Za-z0-9_-]{1,64})\/edit$/.exec(hash);
  if (edit) return { name: 'editor', id: edit[1] };
  const article = /^#\/kb\/([A-Za-z0-9_-]{1,64})(?:\?s=([A-Za-z0-9_-]{8,64}))?$/.exec(hash);
  if (article) return { name: 'article', id: article[1], sessionId: article[2] };
  if (hash === '#/new') return { name: 'new' };
  if (hash === '#/macros') return { name: 'macros' };
  if (hash === '#/rules') return { name: 'rules' };
  if (hash === '#/dashboard') return { name: 'dashboard' };
  if (hash === '#/analytics') return { name: 'analytics' };
  if (hash === '#/email-sign-in') return { name: 'email-sign-in' };
  const verify = /^#\/verify\/([A-Za-z0-9._-]{1,300})$/.exec(hash);
  if (verify) return { name: 'verify', token: verify[1] };
  if (parseRatingRoute(hash)) return { name: 'rate' };
  const search = parseSearchRoute(hash);
  if (search) return search;
  const audit = parseAuditRoute(hash);
  if (audit) return audit;
  return { name: 'queue' };
}

/** A key per screen: a new key moves the focus to the new screen. */
export function routeKey(route: Route): string {
  if (route.name === 'ticket' || route.name === 'article' || route.name === 'editor' || route.name === 'audit-ticket') return `${route.name}:${route.id}`;
  return route.name;
}
export const newRequestHref = '#/new';
export const emailSignInHref = '#/email-sign-in';

export const ticketHref = (id: string) => `#/tickets/${id}`;
export const queueHref = '#/';
export const rulesHref = '#/rules';
export const dashboardHref = '#/dashboard';
export const analyticsHref = '#/analytics';

/**
 * The window title: the screen, then the app, in the agent's language. Set in the same commit as
 * the screen's DOM (a layout effect), not after the next paint: a plain effect left the old
 * screen's title showing beside the new heading for as long as a busy machine delayed the paint.
 */
export function useTitle(title: string): void {
  useLayoutEffect(() => {
    document.title = title;
  }, [title]);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
