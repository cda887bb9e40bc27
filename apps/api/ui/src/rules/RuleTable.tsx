import { RuleView } from '../api/types';
import { useApp } from '../app-context';
import { actionText, conditionText, whenText } from './rule-words';

interface Props {
  rules: RuleView[];
  /** Supervisors and admins change rules; auditors only read them. */
  manager: boolean;
  busy: boolean;
  onEdit(rule: RuleView): void;
  onToggle(rule: RuleView): void;
  onMove(index: number, delta: -1 | 1): void;
}

/** The rules in the order they run: what each waits for, checks and does, its state, and its firings. */
export function RuleTable({ rules, manager, busy, onEdit, onToggle, onMove }: Props) {
  const { t, fmt } = useApp();
  const named = (action: string, rule: RuleView) => t('rules.named', { action, name: rule.name });
  return (
    <table class="queue rules">
      <caption>{t('rules.caption', { count: rules.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rules.col.order')}</th>
          <th scope="col">{t('rules.col.rule')}</th>
          <th scope="col">{t('rules.col.when')}</th>
          <th scope="col">{t('rules.col.conditions')}</th>
          <th scope="col">{t('rules.col.actions')}</th>
          <th scope="col">{t('rules.col.state')}</th>
          <th scope="col">{t('rules.col.fired')}</th>
          {manager && <th scope="col">{t('rules.col.change')}</th>}
        </tr>
      </thead>
      <tbody>
        {rules.map((rule, i) => (
          <tr key={rule.id} data-rule={rule.id} class={rule.enabled ? 'rule-enabled' : 'rule-disabled'}>
            <td>{i + 1}</td>
            <th scope="row" dir="auto">
              {rule.name}
              <br />
              <small class="muted">{t('rules.version', { version: rule.version })}</small>
              {rule.description && <p class="muted rule-description">{rule.description}</p>}
            </th>
            <td>
              <span class="badge">{t('rules.kind', { kind: rule.kind })}</span> {whenText(t, rule)}
            </td>
            <td>
              {rule.conditions.length ? (
                <ul class="plain">
                  {rule.conditions.map((c, j) => (
                    <li key={j} dir="auto">
                      {conditionText(t, c)}
                    </li>
                  ))}
                </ul>
              ) : (
                t('rules.conditions.always')
              )}
            </td>
            <td>
              <ol class="rule-actions">
                {rule.actions.map((a, j) => (
                  <li key={j} dir="auto">
                    {actionText(t, a)}
                  </li>
                ))}
              </ol>
            </td>
            <td class="rule-state">{t('rules.state', { enabled: rule.enabled })}</td>
            <td>
              {t('rules.fired', { count: rule.firedCount })}
              {rule.lastFiredAt && (
                <>
                  <br />
                  <small>
                    {t('rules.lastFired')} <time dateTime={rule.lastFiredAt}>{fmt.dateTime(rule.lastFiredAt)}</time>
                  </small>
                </>
              )}
            </td>
            {manager && (
              <td class="rule-buttons">
                <button type="button" class="secondary" disabled={busy} aria-label={named(t('rules.edit'), rule)} onClick={() => onEdit(rule)}>
                  {t('rules.edit')}
                </button>
                <button type="button" class="secondary" disabled={busy} aria-label={named(t('rules.toggle', { enabled: rule.enabled }), rule)} onClick={() => onToggle(rule)}>
                  {t('rules.toggle', { enabled: rule.enabled })}
                </button>
                <button type="button" class="secondary" disabled={busy || i === 0} aria-label={named(t('rules.up'), rule)} onClick={() => onMove(i, -1)}>
                  {t('rules.up')}
                </button>
                <button type="button" class="secondary" disabled={busy || i === rules.length - 1} aria-label={named(t('rules.down'), rule)} onClick={() => onMove(i, 1)}>
                  {t('rules.down')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
