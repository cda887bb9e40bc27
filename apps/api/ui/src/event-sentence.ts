import type { RuleFiring } from '@helpdesk/ticketing';
import { StoredEvent } from './api/types';
import { Formats } from './format';
import { Translate } from './i18n/i18n';
import { en, MessageKey } from './i18n/messages.en';

/** Who an actor is, for the sentence: a name (names/actor-name.ts); without one, the id. */
export type ActorNamer = (actor: { id: string; role: string }) => string;

/** One event of a ticket's stream as a sentence in the agent's language; unknown types are named plainly. */
export function eventSentence(t: Translate, fmt: Pick<Formats, 'dateTime'>, event: StoredEvent, nameOf: ActorNamer = (actor) => actor.id): string {
  const d = event.data as Record<string, string>;
  const actor = event.metadata.actor;
  // The system is one actor: its id would only repeat its role.
  const who = actor && actor.role !== 'system' ? t('event.who', { role: t('role', { role: actor.role }), id: nameOf(actor) }) : t('role', { role: 'system' });
  const key = `event.${event.type}`;
  if (!(key in en)) return t('event.other', { who, type: event.type });
  return t(key as MessageKey, {
    who,
    channel: t('channel', { channel: d.channel }),
    agent: d.agentId ? nameOf({ id: d.agentId, role: 'agent' }) : d.agentId,
    from: event.type === 'TicketCategorized' ? t('category', { category: d.previousCategory }) : t('priority', { priority: d.previousPriority }),
    to: event.type === 'TicketCategorized' ? t('category', { category: d.category }) : t('priority', { priority: d.priority }),
    visibility: d.visibility,
    customer: d.reason === 'customer_replied',
    target: t('target', { target: d.target }),
    due: fmt.dateTime(d.dueAt),
    score: d.score,
    ...tagChange(event.data as { added?: string[]; removed?: string[] }),
    ...teamChange(event.data as { team?: string | null }),
    ...ruleFiring(t, event.data as Partial<RuleFiring>),
  });
}

/** What a TicketTeamChanged said: the team it went to, or none. */
function teamChange(d: { team?: string | null }) {
  return { team: d.team ?? '', hasTeam: Boolean(d.team) };
}

/**
 * What a RuleFired said: the rule and version, the conditions that held and what it did, in the
 * words the firing recorded; a firing stopped at the depth bound says so, and how deep it was.
 */
function ruleFiring(t: Translate, d: Partial<RuleFiring>) {
  const matched = Array.isArray(d.matched) && d.matched.length ? d.matched.join('; ') : t('event.RuleFired.always');
  return {
    name: d.ruleName ?? d.ruleId ?? '',
    version: d.ruleVersion ?? 1,
    matched,
    actions: Array.isArray(d.actions) ? d.actions.join('; ') : '',
    outcome: d.outcome ?? 'applied',
    // The firing's own depth counts itself; the chain that led to it is one shorter.
    chain: Math.max((d.depth ?? 1) - 1, 0),
  };
}

/** What a TicketTagsChanged said: which tags came and went, and whether both did. */
function tagChange(d: { added?: string[]; removed?: string[] }) {
  const added = (d.added ?? []).join(', ');
  const removed = (d.removed ?? []).join(', ');
  return { added, removed, change: added && removed ? 'both' : added ? 'added' : 'removed' };
}
