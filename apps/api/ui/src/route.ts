import { useEffect, useLayoutEffect, useState } from 'preact/hooks';

export type Route = { name: 'queue' } | { name: 'ticket'; id: string };

/** Hash routes, so the API app serves one static page and every URL can be bookmarked. */
export function parseRoute(hash: string): Route {
  const ticket = /^#\/tickets\/([A-Za-z0-9-]{1,80})$/.exec(hash);
  return ticket ? { name: 'ticket', id: ticket[1] } : { name: 'queue' };
}

export const ticketHref = (id: string) => `#/tickets/${id}`;
export const queueHref = '#/';

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
