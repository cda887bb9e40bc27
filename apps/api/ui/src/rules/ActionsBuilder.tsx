import { CATEGORIES, PRIORITIES, RuleActionType } from '../api/types';
import { useApp } from '../app-context';
import { ActionRow, newAction } from './rule-draft';
import { RULE_ACTION_TYPES, RULE_PLACEHOLDERS } from './rule-vocabulary';
import { useFocusOn } from './use-focus-on';

interface Props {
  rows: ActionRow[];
  onChange(rows: ActionRow[]): void;
}

const PLACEHOLDER_LIST = RULE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
const WITH_TEXT: readonly RuleActionType[] = ['internal_note', 'public_reply', 'notify'];

/** What the rule does, in order: one row per action, with the inputs its type takes. */
export function ActionsBuilder({ rows, onChange }: Props) {
  const { t } = useApp();
  const focus = useFocusOn();
  const update = (key: number, change: Partial<ActionRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const add = () => {
    const row = newAction();
    onChange([...rows, row]);
    focus(`action-${row.key}-type`);
  };
  const remove = (key: number) => {
    onChange(rows.filter((row) => row.key !== key));
    focus('action-add');
  };

  return (
    <fieldset class="builder">
      <legend>{t('rules.actions')}</legend>
      <p class="muted" dir="auto">
        {t('rules.actions.hint', { list: PLACEHOLDER_LIST })}
      </p>
      {rows.map((row, i) => {
        const id = `action-${row.key}`;
        const input = (name: keyof ActionRow, label: string, extra: Record<string, unknown> = {}) => (
          <label>
            <span>{label}</span>
            <input value={row[name] as string} dir="auto" autocomplete="off" onInput={(e) => update(row.key, { [name]: e.currentTarget.value })} {...extra} />
          </label>
        );
        return (
          <fieldset key={row.key} class="builder-row" data-action={i + 1}>
            <legend>{t('rules.action', { n: i + 1 })}</legend>
            <label>
              <span>{t('rules.action.type')}</span>
              <select id={`${id}-type`} value={row.type} onChange={(e) => update(row.key, { type: e.currentTarget.value as RuleActionType })}>
                {RULE_ACTION_TYPES.map((type) => (
                  <option value={type} key={type}>
                    {t('rules.actionType', { type })}
                  </option>
                ))}
              </select>
            </label>
            {row.type === 'set_priority' && (
              <label>
                <span>{t('rules.action.priority')}</span>
                <select value={row.priority} onChange={(e) => update(row.key, { priority: e.currentTarget.value as ActionRow['priority'] })}>
                  {PRIORITIES.map((priority) => (
                    <option value={priority} key={priority}>
                      {t('priority', { priority })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {row.type === 'set_category' && (
              <label>
                <span>{t('rules.action.category')}</span>
                <select value={row.category} onChange={(e) => update(row.key, { category: e.currentTarget.value as ActionRow['category'] })}>
                  {CATEGORIES.map((category) => (
                    <option value={category} key={category}>
                      {t('category', { category })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {row.type === 'set_team' && input('team', t('rules.action.team'), { maxLength: 60 })}
            {(row.type === 'add_tags' || row.type === 'remove_tags') && input('tags', t('rules.action.tags'), { maxLength: 400 })}
            {row.type === 'assign' && input('agentId', t('rules.action.agent'), { maxLength: 200, dir: 'ltr' })}
            {row.type === 'route' && <p class="muted">{t('rules.action.routeHint')}</p>}
            {row.type === 'notify' && (
              <>
                <label>
                  <span>{t('rules.action.notifyTo')}</span>
                  <select value={row.notifyTo} onChange={(e) => update(row.key, { notifyTo: e.currentTarget.value as ActionRow['notifyTo'] })}>
                    <option value="assignee">{t('rules.notify.assignee')}</option>
                    <option value="address">{t('rules.notify.address')}</option>
                  </select>
                </label>
                {row.notifyTo === 'address' && input('address', t('rules.action.address'), { type: 'email', maxLength: 254, dir: 'ltr' })}
                {input('subject', t('rules.action.subject'), { maxLength: 200 })}
              </>
            )}
            {WITH_TEXT.includes(row.type) && (
              <>
                <label>
                  <span>{t('rules.action.en')}</span>
                  <textarea rows={3} maxLength={20000} dir="ltr" value={row.en} onInput={(e) => update(row.key, { en: e.currentTarget.value })} />
                </label>
                <label>
                  <span>{t('rules.action.ur')}</span>
                  <textarea rows={3} maxLength={20000} dir="rtl" lang="ur" value={row.ur} onInput={(e) => update(row.key, { ur: e.currentTarget.value })} />
                </label>
              </>
            )}
            <button type="button" class="secondary" disabled={rows.length === 1} onClick={() => remove(row.key)}>
              {t('rules.action.remove', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="secondary" id="action-add" onClick={add}>
        {t('rules.action.add')}
      </button>
    </fieldset>
  );
}
