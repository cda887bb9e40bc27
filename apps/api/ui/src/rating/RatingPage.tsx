import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { RatingLocale, ratingProblemKey, RatingTranslate, ratingTranslator } from './rating-messages';
import { parseRatingRoute, RatingRoute } from './rating-route';
import './rating.css';

/** GET /satisfaction/:token */
interface RatingInfo {
  ticketNumber: string;
  subject: string;
  score: number | null;
  changeableUntil: string;
  final: boolean;
  language: RatingLocale;
}

interface Refusal {
  type?: string;
  detail?: string;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * The public page a resolution mail's rating links open: the request, five scores with the one
 * from the link pre-selected, an optional comment, and a button. Opening it records nothing (mail
 * scanners open every link); only pressing the button does. In the customer's language (Urdu
 * right to left), with a switch; every control native and labelled, so keyboard and screen
 * readers work without help.
 */
export function RatingApp() {
  const [route, setRoute] = useState<RatingRoute | null>(() => parseRatingRoute(location.hash));
  useEffect(() => {
    const changed = () => {
      const next = parseRatingRoute(location.hash);
      // Leaving the rating page: the rest of the UI is another app on the same page.
      if (!next) return location.reload();
      setRoute(next);
    };
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route ? <RatingPage key={route.token} route={route} /> : null;
}

function RatingPage({ route }: { route: RatingRoute }) {
  const [locale, setLocale] = useState<RatingLocale>(() => (navigator.languages.some((l) => l.toLowerCase().startsWith('ur')) ? 'ur' : 'en'));
  const chosenLocale = useRef(false);
  const t = useMemo(() => ratingTranslator(locale), [locale]);
  const [info, setInfo] = useState<RatingInfo | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [score, setScore] = useState<number | null>(route.score);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'ur' ? 'rtl' : 'ltr';
    document.title = t('rating.title');
  }, [locale, t]);

  useEffect(() => {
    let live = true;
    fetch(`/satisfaction/${encodeURIComponent(route.token)}`, { headers: { Accept: 'application/json' } })
      .then(async (res) => {
        const body = await res.json().catch(() => ({}));
        if (!live) return;
        if (!res.ok) return setRefusal(explain(ratingTranslator(locale), body));
        const page = body as RatingInfo;
        setInfo(page);
        if (!chosenLocale.current) setLocale(page.language === 'ur' ? 'ur' : 'en');
        setScore((s) => s ?? page.score);
      })
      .catch(() => live && setRefusal('network'));
    return () => {
      live = false;
    };
  }, [route.token]);

  useLayoutEffect(() => heading.current?.focus(), [info !== null, refusal !== null]);

  const until = info ? new Intl.DateTimeFormat(locale === 'ur' ? 'ur-PK' : 'en-PK', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(info.changeableUntil)) : '';

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!score) return setError(t('rating.pick'));
    const comment = String(new FormData(e.currentTarget as HTMLFormElement).get('comment') ?? '').trim();
    setBusy(true);
    setError('');
    setStatus('');
    try {
      const res = await fetch(`/satisfaction/${encodeURIComponent(route.token)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ score, ...(comment ? { comment } : {}) }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) return setError(explain(t, body));
      setInfo((i) => (i ? { ...i, score } : i));
      setStatus(t('rating.thanks', { score }));
    } catch {
      setError(t('rating.error.network'));
    } finally {
      setBusy(false);
    }
  };

  const switchLanguage = () => {
    chosenLocale.current = true;
    setLocale((l) => (l === 'ur' ? 'en' : 'ur'));
  };

  return (
    <main id="main" class="rating" tabIndex={-1}>
      <section class="card narrow" aria-labelledby="rating-title">
        <button type="button" class="secondary lang" lang={locale === 'ur' ? 'en' : 'ur'} onClick={switchLanguage}>
          {t('rating.language')}
        </button>
        <h1 id="rating-title" tabIndex={-1} ref={heading}>
          {t('rating.title')}
        </h1>
        {refusal !== null ? (
          <p class="error" role="alert">
            {refusal === 'network' ? t('rating.error.network') : refusal}
          </p>
        ) : !info ? (
          <p role="status">{t('rating.loading')}</p>
        ) : (
          <>
            <p>
              {t('rating.request', { number: '\u2066' + info.ticketNumber + '\u2069' })}: <bdi dir="auto">{info.subject}</bdi>
            </p>
            {info.score !== null && <p>{t('rating.current', { score: info.score })}</p>}
            {info.final ? (
              <p class="notice">{t('rating.final')}</p>
            ) : (
              <form onSubmit={submit} aria-busy={busy}>
                <fieldset>
                  <legend>{t('rating.question')}</legend>
                  <div class="scores">
                    {SCORES.map((s) => (
                      <label key={s}>
                        <input type="radio" name="score" value={s} checked={score === s} onChange={() => setScore(s)} />
                        <span>{t('rating.score', { score: s })}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                <label>
                  <span>{t('rating.comment')}</span>
                  <textarea name="comment" rows={4} maxLength={2000} dir="auto" aria-describedby="comment-hint" />
                  <small id="comment-hint" class="muted">
                    {t('rating.commentHint')}
                  </small>
                </label>
                <p class="muted">{t('rating.until', { until })}</p>
                {error && (
                  <p class="error" role="alert">
                    {error}
                  </p>
                )}
                <button type="submit" disabled={busy}>
                  {busy ? t('rating.sending') : info.score !== null ? t('rating.change') : t('rating.submit')}
                </button>
              </form>
            )}
            <p class="ok" role="status" aria-live="polite">
              {status}
            </p>
          </>
        )}
      </section>
    </main>
  );
}

function explain(t: RatingTranslate, body: Refusal): string {
  const key = ratingProblemKey(body.type);
  return key === 'rating.error.other' ? t(key, { detail: body.detail ?? '' }) : t(key);
}
