import { Ticket } from '../api/types';
import { useApp } from '../app-context';
import { canTag } from '../ticket-actions';
import { Run } from './TicketActions';

/** The ticket's tags; staff add several at once (comma-separated) and remove one at a time. */
export function TicketTags({ ticket, busy, run }: { ticket: Ticket; busy: string | null; run: Run }) {
  const { t, user } = useApp();
  const tags = ticket.tags ?? [];
  const editable = canTag(user);
  return (
    <section aria-labelledby="tags-title" class="card ticket-tags">
      <h2 id="tags-title">{t('tags.title')}</h2>
      {tags.length ? (
        <ul class="tag-list" data-field="tags">
          {tags.map((tag) => (
            <li key={tag}>
              <span class="tag" dir="auto">
                {tag}
              </span>
              {editable && (
                <button type="button" class="tag-remove" aria-label={t('tags.remove', { tag })} disabled={busy !== null} onClick={() => run('untag', 'tags', { remove: [tag] })}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('tags.none')}</p>
      )}
      {editable && (
        <form
          class="action-form action-tag"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget as HTMLFormElement;
            const add = String(new FormData(form).get('tags') ?? '')
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean);
            if (add.length && (await run('tag', 'tags', { add }))) form.reset();
          }}
        >
          <label>
            <span>{t('tags.add')}</span>
            <input name="tags" required maxLength={400} dir="auto" autocomplete="off" />
          </label>
          <button type="submit" disabled={busy !== null} data-action="tag">
            {busy === 'tag' ? t('action.working') : t('action.tag')}
          </button>
        </form>
      )}
    </section>
  );
}
