import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { ApiProblem } from '../api/problem';
import { Locale, Translate } from '../i18n/i18n';
import { useTitle } from '../route';
import { ArticleRecord, translationFor } from './kb-types';

interface Props {
  api: ApiClient;
  locale: Locale;
  t: Translate;
  id: string;
  /** The suggestion session it was opened from: then it asks whether it answered the question. */
  sessionId?: string;
  /** Where "No, I still need help" leads (the web form); the help page by default. */
  fileHref?: string;
}

/** A published article as customers read it (public: no sign-in), in their language where it has one. */
export function ArticlePage({ api, locale, t, id, sessionId, fileHref = '#/help' }: Props) {
  const [article, setArticle] = useState<ArticleRecord | null>(null);
  const [missing, setMissing] = useState(false);
  const [answered, setAnswered] = useState<'yes' | 'no' | null>(null);
  const [voted, setVoted] = useState<boolean | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    let live = true;
    api
      .open<ArticleRecord>('GET', `/kb/articles/${encodeURIComponent(id)}`)
      .then((a) => {
        if (!live) return;
        setArticle(a);
        void api.open('POST', `/kb/articles/${encodeURIComponent(id)}/views`, { language: locale, ...(sessionId ? { sessionId } : {}) }).catch(() => undefined);
      })
      .catch((e) => live && (e instanceof ApiProblem && e.status === 404 ? setMissing(true) : setNote(t('kb.error'))));
    return () => {
      live = false;
    };
  }, [api, id]);

  const shown = article && translationFor(article.published?.translations ?? article.translations, locale);
  useTitle(`${shown?.title ?? t('kb.article')} · ${t('kb.title')}`);
  useLayoutEffect(() => {
    if (shown) document.getElementById('article-title')?.focus();
  }, [shown?.title]);

  if (missing) return <p class="card narrow" role="alert">{t('kb.notFound')}</p>;
  if (!shown) return <p aria-busy="true">{note || t('app.loading')}</p>;

  const deflect = async () => {
    setAnswered('yes');
    await api.open('POST', `/kb/suggestions/${sessionId}/deflected`, { articleId: id }).catch(() => setNote(t('kb.error')));
  };
  const vote = async (helpful: boolean) => {
    try {
      await api.command(`/kb/articles/${encodeURIComponent(id)}/votes`, { helpful });
      setVoted(helpful);
      setNote(t('kb.voted'));
    } catch {
      setNote(t('kb.voteSignIn'));
    }
  };

  return (
    <article class="kb-article card" aria-labelledby="article-title" lang={shown.language} dir={shown.language === 'ur' ? 'rtl' : 'auto'}>
      <a class="back" href="#/help">
        {t('kb.back')}
      </a>
      <h1 id="article-title" tabIndex={-1}>
        {shown.title}
      </h1>
      {/* Sanitised by the server (markdown-it with raw HTML off, then sanitize-html). */}
      <div class="prose kb-body" dangerouslySetInnerHTML={{ __html: shown.html }} />
      {sessionId && (
        <section class="kb-deflect" aria-labelledby="deflect-title">
          <h2 id="deflect-title">{t('kb.answered.question')}</h2>
          {answered === 'yes' ? (
            <p role="status">{t('kb.answered.thanks')}</p>
          ) : (
            <div class="actions">
              <button type="button" onClick={deflect}>
                {t('kb.answered.yes')}
              </button>
              <a class="button secondary" href={fileHref} onClick={() => setAnswered('no')}>
                {t('kb.answered.no')}
              </a>
            </div>
          )}
        </section>
      )}
      <section class="kb-helpful" aria-labelledby="helpful-title">
        <h2 id="helpful-title">{t('kb.helpful.question')}</h2>
        <div class="actions">
          <button type="button" aria-pressed={voted === true} onClick={() => vote(true)} disabled={!api.signedIn}>
            {t('kb.helpful.yes')}
          </button>
          <button type="button" class="secondary" aria-pressed={voted === false} onClick={() => vote(false)} disabled={!api.signedIn}>
            {t('kb.helpful.no')}
          </button>
        </div>
        {!api.signedIn && <p class="muted">{t('kb.voteSignIn')}</p>}
      </section>
      <p class="sr-only" role="status" aria-live="polite">
        {note}
      </p>
    </article>
  );
}
