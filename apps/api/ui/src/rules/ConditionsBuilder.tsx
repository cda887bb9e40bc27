import { RuleConditionField } from '../api/types';
import { useApp } from '../app-context';
import { ConditionRow, newCondition, withField } from './rule-draft';
import { CHOICE_FIELDS, isChoiceField, LIST_FIELDS, RULE_CONDITION_FIELDS, RULE_CONDITION_OPS } from './rule-vocabulary';
import { valueName } from './rule-words';
import { useFocusOn } from './use-focus-on';

interface Props {
  rows: ConditionRow[];
  onChange(rows: ConditionRow[]): void;
}

/** The rule's conditions, one row each (field, operator, values); the rule fires when all hold. */
export function ConditionsBuilder({ rows, onChange }: Props) {
  const { t } = useApp();
  const focus = useFocusOn();
  const update = (key: number, change: (row: ConditionRow) => ConditionRow) => onChange(rows.map((row) => (row.key === key ? change(row) : row)));
  const add = () => {
    const row = newCondition();
    onChange([...rows, row]);
    focus(`condition-${row.key}-field`);
  };
  const remove = (key: number) => {
    onChange(rows.filter((row) => row.key !== key));
    focus('condition-add');
  };

  return (
    <fieldset class="builder">
      <legend>{t('rules.conditions')}</legend>
      <p class="muted">{t('rules.conditions.hint', { count: rows.length })}</p>
      {rows.map((row, i) => {
        const id = `condition-${row.key}`;
        return (
          <fieldset key={row.key} class="builder-row" data-condition={i + 1}>
            <legend>{t('rules.condition', { n: i + 1 })}</legend>
            <label>
              <span>{t('rules.condition.field')}</span>
              <select id={`${id}-field`} value={row.field} onChange={(e) => update(row.key, (r) => withField(r, e.currentTarget.value as RuleConditionField))}>
                {RULE_CONDITION_FIELDS.map((field) => (
                  <option value={field} key={field}>
                    {t('rules.field', { field })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('rules.condition.op')}</span>
              <select value={row.op} onChange={(e) => update(row.key, (r) => ({ ...r, op: e.currentTarget.value }))}>
                {RULE_CONDITION_OPS[row.field].map((op) => (
                  <option value={op} key={op}>
                    {t('rules.op', { op })}
                  </option>
                ))}
              </select>
            </label>
            {isChoiceField(row.field) && (
              <fieldset class="choices">
                <legend>{t('rules.condition.values')}</legend>
                {CHOICE_FIELDS[row.field].map((value: string) => (
                  <label class="inline" key={value}>
                    <input
                      type="checkbox"
                      checked={row.choices.includes(value)}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        update(row.key, (r) => ({ ...r, choices: on ? [...r.choices, value] : r.choices.filter((v) => v !== value) }));
                      }}
                    />
                    <span>{valueName(t, row.field, value)}</span>
                  </label>
                ))}
              </fieldset>
            )}
            {LIST_FIELDS.includes(row.field) && (
              <label>
                <span>{t('rules.condition.list', { field: row.field })}</span>
                <input value={row.list} maxLength={2000} dir="auto" autocomplete="off" onInput={(e) => update(row.key, (r) => ({ ...r, list: e.currentTarget.value }))} />
              </label>
            )}
            <button type="button" class="secondary" onClick={() => remove(row.key)}>
              {t('rules.condition.remove', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" class="secondary" id="condition-add" onClick={add}>
        {t('rules.condition.add')}
      </button>
    </fieldset>
  );
}
