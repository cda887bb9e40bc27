import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useTitle } from '../route';
import { ArticleRecord, translationFor } from './kb-types';

/** Staff: every article with its status; the way to the editor. */
export function ArticleList() {
  const { api, t, locale } = useApp();
  const [items, setItems] = useState<ArticleRecord[] | null>(null);
  useTitle(`${t('kb.list.title')} · ${t('app.title')}`);
  useEffect(() => {
    void api.query<{ items: ArticleRecord[] }>('/kb/articles', { limit: '100' }).then((r) => setItems(r.items)).catch(() => setItems([]));
  }, [api]);
  return (
    <section class="card" aria-labelledby="kb-list-title">
      <h1 id="kb-list-title">{t('kb.list.title')}</h1>
      <p>
        <a class="button" href="#/kb/new">
          {t('kb.editor.new')}
        </a>
      </p>
      {items === null ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <ul class="kb-list">
          {items.map((a) => (
            <li key={a.id} dir="auto">
              <a href={`#/kb/${encodeURIComponent(a.id)}/edit`}>{translationFor(a.translations, locale)?.title}</a> · {t('kb.status', { status: a.status })} ·{' '}
              {t('kb.audience', { audience: a.audience })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
