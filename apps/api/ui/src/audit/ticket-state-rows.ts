import { Translate } from '../i18n/i18n';
import { TicketState } from './audit-types';

export interface StateRow {
  /** The state's own field name: the key for comparing two states, and a hook for tests. */
  field: string;
  value: string;
}

/** The fields an auditor follows through a replay, in the order shown. */
const FIELDS = ['status', 'priority', 'category', 'assigneeId', 'acknowledged', 'team', 'tags', 'resolvedAt', 'resolutionConfirmed', 'resolutions', 'satisfaction', 'customer'] as const;

/** A ticket state as rows of text in the auditor's language; values the ticket does not have read "—". */
export function stateRows(t: Translate, dateTime: (iso: string) => string, state: TicketState): StateRow[] {
  const none = t('audit.none');
  const text = (field: (typeof FIELDS)[number]): string => {
    switch (field) {
      case 'status':
        return t('status', { status: state.status });
      case 'priority':
        return t('priority', { priority: state.priority });
      case 'category':
        return t('category', { category: state.category });
      case 'assigneeId':
        return state.assigneeId ?? none;
      case 'acknowledged':
      case 'resolutionConfirmed':
        return t('audit.yesNo', { value: Boolean(state[field]) });
      case 'team':
        return state.team ?? none;
      case 'tags':
        return state.tags?.length ? state.tags.join(', ') : none;
      case 'resolvedAt':
        return state.resolvedAt ? dateTime(state.resolvedAt) : none;
      case 'resolutions':
        return String(state.resolutions ?? 0);
      case 'satisfaction': {
        const offer = state.satisfaction;
        const kind = !offer ? 'none' : offer.voided ? 'voided' : offer.score === null ? 'asked' : 'rated';
        return t('audit.satisfaction', { state: kind, score: offer?.score ?? '' });
      }
      case 'customer':
        return state.customer?.email ? `${state.customer.name} <${state.customer.email}>` : (state.customer?.name ?? none);
    }
  };
  return FIELDS.map((field) => ({ field, value: text(field) }));
}

/** What each field was before, for the fields a step changed (by their shown value). */
export function changedFields(before: StateRow[] | null, after: StateRow[]): Map<string, string> {
  const was = new Map(before?.map((r) => [r.field, r.value]));
  const changed = new Map<string, string>();
  for (const row of after) {
    const previous = was.get(row.field);
    if (before && previous !== row.value) changed.set(row.field, previous ?? '');
  }
  return changed;
}
