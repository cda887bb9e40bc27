import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Locale, Translate } from '../i18n/i18n';
import { useTitle } from '../route';
import { ArticleSuggestions } from './ArticleSuggestions';

/** The public help page: a customer types a question and gets the articles that answer it. */
export function HelpPage({ api, locale, t }: { api: ApiClient; locale: Locale; t: Translate }) {
  const [question, setQuestion] = useState('');
  useTitle(`${t('kb.help.title')} · ${t('app.title')}`);
  return (
    <section class="kb-help card narrow" aria-labelledby="help-title">
      <h1 id="help-title">{t('kb.help.title')}</h1>
      <label for="help-question">{t('kb.help.question')}</label>
      <textarea id="help-question" rows={3} dir="auto" value={question} onInput={(e) => setQuestion((e.target as HTMLTextAreaElement).value)} />
      <ArticleSuggestions api={api} text={question} locale={locale} context="help_page" />
    </section>
  );
}
