import { StoredEvent } from './api/types';
import { Formats } from './format';
import { Translate } from './i18n/i18n';
import { en, MessageKey } from './i18n/messages.en';

/** One event of a ticket's stream as a sentence in the agent's language; unknown types are named plainly. */
export function eventSentence(t: Translate, fmt: Pick<Formats, 'dateTime'>, event: StoredEvent): string {
  const d = event.data as Record<string, string>;
  const actor = event.metadata.actor;
  const who = actor ? t('event.who', { role: t('role', { role: actor.role }), id: actor.id }) : t('role', { role: 'system' });
  const key = `event.${event.type}`;
  if (!(key in en)) return t('event.other', { who, type: event.type });
  return t(key as MessageKey, {
    who,
    channel: t('channel', { channel: d.channel }),
    agent: d.agentId,
    from: event.type === 'TicketCategorized' ? t('category', { category: d.previousCategory }) : t('priority', { priority: d.previousPriority }),
    to: event.type === 'TicketCategorized' ? t('category', { category: d.category }) : t('priority', { priority: d.priority }),
    visibility: d.visibility,
    customer: d.reason === 'customer_replied',
    target: t('target', { target: d.target }),
    due: fmt.dateTime(d.dueAt),
    score: d.score,
    ...tagChange(event.data as { added?: string[]; removed?: string[] }),
  });
}

/** What a TicketTagsChanged said: which tags came and went, and whether both did. */
function tagChange(d: { added?: string[]; removed?: string[] }) {
  const added = (d.added ?? []).join(', ');
  const removed = (d.removed ?? []).join(', ');
  return { added, removed, change: added && removed ? 'both' : added ? 'added' : 'removed' };
}
