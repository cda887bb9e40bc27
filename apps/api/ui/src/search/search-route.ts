/** The search results screen: `#/search?q=<words>`. */
export interface SearchRoute {
  name: 'search';
  q: string;
}

export function parseSearchRoute(hash: string): SearchRoute | null {
  const found = /^#\/search(?:\?q=([^&#]*))?$/.exec(hash);
  if (!found) return null;
  try {
    return { name: 'search', q: decodeURIComponent((found[1] ?? '').replace(/\+/g, ' ')).slice(0, 200) };
  } catch {
    return { name: 'search', q: '' }; // a malformed escape: the empty search screen
  }
}

export const searchHref = (q: string) => `#/search?q=${encodeURIComponent(q.trim())}`;
