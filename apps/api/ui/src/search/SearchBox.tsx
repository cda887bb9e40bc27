import { useEffect, useState } from 'preact/hooks';
import { Translate } from '../i18n/i18n';
import { parseSearchRoute, searchHref } from './search-route';
import './search.css';

/** The header's ticket search: Enter (or the button) opens the results screen for the words typed. */
export function SearchBox({ t }: { t: Translate }) {
  const [q, setQ] = useState(() => parseSearchRoute(location.hash)?.q ?? '');
  // The results screen opened some other way (a link, the back button) shows its words here too.
  useEffect(() => {
    const follow = () => {
      const route = parseSearchRoute(location.hash);
      if (route) setQ(route.q);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) location.hash = searchHref(q);
      }}
    >
      <label class="inline">
        <span class="sr-only">{t('search.box')}</span>
        <input type="search" name="q" value={q} maxLength={200} dir="auto" placeholder={t('search.hint')} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="secondary">
        {t('search.submit')}
      </button>
    </form>
  );
}
