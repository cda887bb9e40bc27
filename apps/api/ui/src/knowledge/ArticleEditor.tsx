import MarkdownIt from 'markdown-it';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useApp } from '../app-context';
import { useTitle } from '../route';
import { ArticleRecord, articleHref } from './kb-types';

// Preview only, of the author's own text: raw HTML off (shown as text), unsafe links refused by
// markdown-it. What readers get is rendered and sanitised again on the server.
const markdown = new MarkdownIt({ html: false, linkify: true });

/** Drafting and editing an article, one language at a time, with a preview; supervisors publish. */
export function ArticleEditor({ id }: { id: string | null }) {
  const { api, t, user, announce } = useApp();
  const [article, setArticle] = useState<ArticleRecord | null>(null);
  const [language, setLanguage] = useState<string>('en');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<'public' | 'internal'>('public');
  const [category, setCategory] = useState('general');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  useTitle(`${id ? t('kb.editor.edit') : t('kb.editor.new')} · ${t('app.title')}`);

  const load = async (articleId: string) => {
    const a = await api.query<ArticleRecord>(`/kb/articles/${encodeURIComponent(articleId)}`);
    setArticle(a);
    setAudience(a.audience);
    setCategory(a.category);
    setTags(a.tags.join(', '));
    return a;
  };
  useEffect(() => {
    if (id) void load(id).then((a) => pick(a, language)).catch(() => setError(t('kb.notFound')));
  }, [id]);
  const pick = (a: ArticleRecord, lang: string) => {
    setLanguage(lang);
    setTitle(a.translations[lang]?.title ?? '');
    setBody(a.translations[lang]?.body ?? '');
  };
  const preview = useMemo(() => (tab === 'preview' ? markdown.render(body) : ''), [tab, body]);

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const fields = { language, title, body, audience, category, tags: tags.split(',').map((s) => s.trim()).filter(Boolean) };
    try {
      if (!article) {
        const result = await api.command('/kb/articles', fields);
        location.hash = `#/kb/${encodeURIComponent(result.id)}/edit`;
      } else {
        await api.command(`/kb/articles/${encodeURIComponent(article.id)}/edits`, { ...fields, basedOnVersion: article.version });
        await load(article.id);
      }
      announce(t('kb.editor.saved'));
    } catch (e) {
      setError(e instanceof ApiProblem ? (e.detail ?? e.title) : t('kb.error'));
    }
  };
  const publish = async () => {
    try {
      await api.command(`/kb/articles/${encodeURIComponent(article!.id)}/publish`, {});
      await load(article!.id);
      announce(t('kb.editor.published'));
    } catch (e) {
      setError(e instanceof ApiProblem ? (e.detail ?? e.title) : t('kb.error'));
    }
  };
  const mayPublish = user.role === 'supervisor' || user.role === 'admin';

  return (
    <section class="card kb-editor" aria-labelledby="editor-title">
      <a class="back" href="#/kb">
        {t('kb.list.title')}
      </a>
      <h1 id="editor-title">{article ? t('kb.editor.edit') : t('kb.editor.new')}</h1>
      {article && (
        <p class="muted" data-field="article-status">
          {t('kb.status', { status: article.status })} · {t('kb.version', { version: article.version, published: article.published?.version ?? 0 })} ·{' '}
          <a href={articleHref(article.id)}>{t('kb.editor.view')}</a>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={save}>
        <label for="kb-language">{t('app.language')}</label>
        <select id="kb-language" value={language} onChange={(e) => (article ? pick(article, (e.target as HTMLSelectElement).value) : setLanguage((e.target as HTMLSelectElement).value))}>
          <option value="en">{t('language', { language: 'en' })}</option>
          <option value="ur">{t('language', { language: 'ur' })}</option>
        </select>
        <label for="kb-title">{t('kb.editor.titleField')}</label>
        <input id="kb-title" required maxLength={200} dir="auto" value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        <div role="tablist" class="tabs">
          <button type="button" role="tab" aria-selected={tab === 'write'} onClick={() => setTab('write')}>
            {t('kb.editor.write')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'preview'} onClick={() => setTab('preview')}>
            {t('kb.editor.preview')}
          </button>
        </div>
        {tab === 'write' ? (
          <>
            <label for="kb-body">{t('kb.editor.body')}</label>
            <textarea id="kb-body" required rows={12} dir="auto" value={body} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
          </>
        ) : (
          <div class="prose kb-body kb-preview" dir="auto" lang={language} dangerouslySetInnerHTML={{ __html: preview }} />
        )}
        <label for="kb-audience">{t('kb.editor.audience')}</label>
        <select id="kb-audience" value={audience} onChange={(e) => setAudience((e.target as HTMLSelectElement).value as 'public' | 'internal')}>
          <option value="public">{t('kb.audience', { audience: 'public' })}</option>
          <option value="internal">{t('kb.audience', { audience: 'internal' })}</option>
        </select>
        <label for="kb-category">{t('kb.editor.category')}</label>
        <input id="kb-category" value={category} dir="ltr" onInput={(e) => setCategory((e.target as HTMLInputElement).value)} />
        <label for="kb-tags">{t('kb.editor.tags')}</label>
        <input id="kb-tags" value={tags} dir="auto" onInput={(e) => setTags((e.target as HTMLInputElement).value)} />
        <div class="actions">
          <button type="submit">{t('kb.editor.save')}</button>
          {article && mayPublish && article.status !== 'archived' && (
            <button type="button" onClick={publish}>
              {t('kb.editor.publish')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
