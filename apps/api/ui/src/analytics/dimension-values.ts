import { Translate } from '../i18n/i18n';
import { Dimension } from './metric-types';

/** A dimension's value as people read it: an agent's name, a category in the agent's language, ... */
export function dimensionValueLabel(t: Translate, dimension: Dimension, value: string, nameOf: (id: string) => string): string {
  switch (dimension) {
    case 'all':
      return t('dashboard.analytics.allTickets');
    case 'agent':
      return value === 'unassigned' ? t('dashboard.unassigned') : nameOf(value);
    case 'team':
      return value === 'none' ? t('dashboard.analytics.noTeam') : value;
    case 'category':
      return t('category', { category: value });
    case 'priority':
      return t('priority', { priority: value });
    case 'channel':
      return t('channel', { channel: value });
    default:
      return value;
  }
}
