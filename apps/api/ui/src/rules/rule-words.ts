import { RuleAction, RuleBody, RuleCondition, RuleConditionField } from '../api/types';
import { Translate } from '../i18n/i18n';

/** A value of a condition's field in the agent's language (written values stay as written). */
export function valueName(t: Translate, field: RuleConditionField, value: string): string {
  switch (field) {
    case 'channel':
      return t('channel', { channel: value });
    case 'category':
      return t('category', { category: value });
    case 'priority':
      return t('priority', { priority: value });
    case 'status':
      return t('status', { status: value });
    case 'language':
      return t('language', { language: value });
    default:
      return value;
  }
}

/** "Ticket submitted, Reply or note added", or "Unassigned for 30 minutes". */
export function whenText(t: Translate, rule: Pick<RuleBody, 'events' | 'schedule'>): string {
  if (rule.schedule) return t('rules.when.schedule', { clock: t('rules.clock', { clock: rule.schedule.clock }), duration: t('rules.duration', { unit: rule.schedule.unit, amount: rule.schedule.amount }) });
  return (rule.events ?? []).map((event) => t('rules.event', { event })).join(t('rules.listSeparator'));
}

/** "Text contains refund", "Priority is not High". */
export function conditionText(t: Translate, condition: RuleCondition): string {
  const values = 'values' in condition ? condition.values.map((v) => valueName(t, condition.field, v)).join(t('rules.listSeparator')) : '';
  return t('rules.conditionText', { field: t('rules.field', { field: condition.field }), op: t('rules.op', { op: condition.op }), values });
}

/** "Set the priority to High", "Notify the assignee: Refund". */
export function actionText(t: Translate, action: RuleAction): string {
  const value = (() => {
    switch (action.type) {
      case 'set_priority':
        return t('priority', { priority: action.priority });
      case 'set_category':
        return t('category', { category: action.category });
      case 'set_team':
        return action.team ?? '';
      case 'add_tags':
      case 'remove_tags':
        return action.tags.join(t('rules.listSeparator'));
      case 'assign':
        return action.agentId;
      case 'notify':
        return action.to;
      default:
        return '';
    }
  })();
  const type = action.type === 'set_team' && !action.team ? 'no_team' : action.type === 'notify' && action.to === 'assignee' ? 'notify_assignee' : action.type;
  return t('rules.actionText', { type, value, subject: action.type === 'notify' ? action.subject : '' });
}
