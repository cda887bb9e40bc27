import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { ArticleSuggestions } from './ArticleSuggestions';
import { articleUrl, SearchHit } from './kb-types';

/**
 * On the ticket page: articles for what the ticket says (or what the agent searches), each to
 * link to the ticket or to send to the customer in a public reply (which links it too).
 */
export function KnowledgeSidebar({ ticketId, text, onChanged }: { ticketId: string; text: string; onChanged: () => void }) {
  const { api, t, locale, announce } = useApp();
  const [query, setQuery] = useState('');
  const [done, setDone] = useState<Record<string, 'linked' | 'sent'>>({});

  const link = async (hit: SearchHit, reply: boolean) => {
    try {
      await api.command(`/kb/articles/${encodeURIComponent(hit.articleId)}/links`, { ticketId });
      if (reply) await api.command(`/tickets/${ticketId}/comments`, { body: t('kb.reply.body', { title: hit.title, url: articleUrl(hit.articleId) }), visibility: 'public' });
      setDone((d) => ({ ...d, [hit.articleId]: reply ? 'sent' : 'linked' }));
      announce(t(reply ? 'kb.reply.sent' : 'kb.linked'));
      onChanged();
    } catch {
      announce(t('kb.error'));
    }
  };

  return (
    <section class="card kb-sidebar" aria-labelledby="kb-sidebar-title">
      <h2 id="kb-sidebar-title">{t('kb.sidebar.title')}</h2>
      <label for="kb-sidebar-search">{t('kb.sidebar.search')}</label>
      <input id="kb-sidebar-search" type="search" dir="auto" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      <ArticleSuggestions
        api={api}
        locale={locale}
        text={query.trim() ? query : text}
        context="agent_ticket"
        ticketId={ticketId}
        onOpen={(hit) => window.open(articleUrl(hit.articleId), '_blank', 'noopener')}
        actions={(hit) =>
          done[hit.articleId] ? (
            <p class="muted">{t(done[hit.articleId] === 'sent' ? 'kb.reply.sent' : 'kb.linked')}</p>
          ) : (
            <div class="actions">
              <button type="button" class="secondary" onClick={() => link(hit, false)}>
                {t('kb.link')}
              </button>
              {hit.audience === 'public' && (
                <button type="button" onClick={() => link(hit, true)}>
                  {t('kb.reply.send')}
                </button>
              )}
            </div>
          )
        }
      />
    </section>
  );
}
