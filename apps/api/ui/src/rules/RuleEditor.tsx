import { useState } from 'preact/hooks';
import { BacktestResult, RuleClock, RuleDurationUnit, RuleView } from '../api/types';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { BacktestResults } from './BacktestResults';
import { ActionsBuilder } from './ActionsBuilder';
import { ConditionsBuilder } from './ConditionsBuilder';
import { bodyOf, draftOf, emptyDraft, RuleDraft } from './rule-draft';
import { BACKTEST_DAYS, RULE_CLOCKS, RULE_DURATION_UNITS, RULE_TRIGGER_EVENTS } from './rule-vocabulary';

interface Props {
  /** The rule to change; null for a new one. */
  rule: RuleView | null;
  onSaved(message: string): Promise<void>;
  onCancel(): void;
}

/**
 * Writes a rule or its next version: when it runs (ticket events, or a clock), its conditions
 * and actions; a backtest of the draft over the last days before it goes live; then saved as a
 * draft, or saved and enabled.
 */
export function RuleEditor({ rule, onSaved, onCancel }: Props) {
  const { api, t } = useApp();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : emptyDraft()));
  const [busy, setBusy] = useState<'save' | 'backtest' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [days, setDays] = useState(7);
  /** The last backtest, and the draft it ran on (the draft may have changed since). */
  const [backtest, setBacktest] = useState<{ result: BacktestResult; days: number; of: string } | null>(null);
  const change = (part: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...part }));

  const runBacktest = async () => {
    setBusy('backtest');
    setError(null);
    try {
      const body = bodyOf(draft);
      // A draft may be tried before it has a name.
      const result = await api.calculate<BacktestResult>('/automation/rules/backtest', { rule: { ...body, name: body.name || t('rules.editor.untitled') }, days });
      setBacktest({ result, days, of: JSON.stringify(body) });
    } catch (e) {
      setBacktest(null);
      setError(problemText(t, e));
    } finally {
      setBusy(null);
    }
  };

  const save = async (enable: boolean) => {
    setBusy('save');
    setError(null);
    const body = bodyOf(draft);
    try {
      if (!rule) {
        await api.command('/automation/rules', { ...body, enabled: enable });
      } else {
        // An unchanged rule is not a new version (the API refuses one); enabling it still is a change.
        if (JSON.stringify(body) !== JSON.stringify(bodyOf(draftOf(rule)))) await api.command(`/automation/rules/${rule.id}`, body, { ifMatch: rule.revision, method: 'PUT' });
        if (enable && !rule.enabled) await api.command(`/automation/rules/${rule.id}/enable`, {});
      }
      await onSaved(t(enable ? 'rules.savedEnabled' : 'rules.saved', { name: body.name }));
    } catch (e) {
      setError(problemText(t, e));
      setBusy(null);
    }
  };

  const heading = rule ? t('rules.editor.change', { name: rule.name, version: rule.version }) : t('rules.editor.new');
  return (
    <section class="card rule-editor" aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title" tabIndex={-1}>
        {heading}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const submitter = (e as unknown as SubmitEvent).submitter as HTMLButtonElement | null;
          void save(submitter?.value === 'enable');
        }}
      >
        <label>
          <span>{t('rules.editor.name')}</span>
          <input value={draft.name} required maxLength={100} dir="auto" onInput={(e) => change({ name: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t('rules.editor.description')}</span>
          <textarea value={draft.description} rows={2} maxLength={2000} dir="auto" onInput={(e) => change({ description: e.currentTarget.value })} />
        </label>

        <fieldset class="builder">
          <legend>{t('rules.editor.kind')}</legend>
          {(['trigger', 'time'] as const).map((kind) => (
            <label class="inline" key={kind}>
              <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => change({ kind })} />
              <span>{t('rules.kind.choice', { kind })}</span>
            </label>
          ))}
        </fieldset>

        {draft.kind === 'trigger' ? (
          <fieldset class="builder choices events">
            <legend>{t('rules.editor.events')}</legend>
            {RULE_TRIGGER_EVENTS.map((event) => (
              <label class="inline" key={event}>
                <input
                  type="checkbox"
                  checked={draft.events.includes(event)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setDraft((d) => ({ ...d, events: on ? [...d.events, event] : d.events.filter((x) => x !== event) }));
                  }}
                />
                <span>{t('rules.event', { event })}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <fieldset class="builder schedule">
            <legend>{t('rules.editor.schedule')}</legend>
            <label>
              <span>{t('rules.editor.clock')}</span>
              <select value={draft.clock} onChange={(e) => change({ clock: e.currentTarget.value as RuleClock })}>
                {RULE_CLOCKS.map((clock) => (
                  <option value={clock} key={clock}>
                    {t('rules.clock', { clock })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('rules.editor.amount')}</span>
              <input type="number" min={1} max={525600} step={1} required value={draft.amount} onInput={(e) => change({ amount: e.currentTarget.value })} />
            </label>
            <label>
              <span>{t('rules.editor.unit')}</span>
              <select value={draft.unit} onChange={(e) => change({ unit: e.currentTarget.value as RuleDurationUnit })}>
                {RULE_DURATION_UNITS.map((unit) => (
                  <option value={unit} key={unit}>
                    {t('rules.unit', { unit })}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}

        <ConditionsBuilder rows={draft.conditions} onChange={(conditions) => change({ conditions })} />
        <ActionsBuilder rows={draft.actions} onChange={(actions) => change({ actions })} />

        <section class="backtest-panel" aria-labelledby="backtest-title">
          <h3 id="backtest-title">{t('rules.backtest.title')}</h3>
          <p class="muted">{t('rules.backtest.intro')}</p>
          <div class="inline-forms">
            <label>
              <span>{t('rules.backtest.days')}</span>
              <select value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
                {BACKTEST_DAYS.map((n) => (
                  <option value={String(n)} key={n}>
                    {t('rules.backtest.daysOption', { days: n })}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class="secondary backtest-run" disabled={busy !== null} onClick={runBacktest}>
              {busy === 'backtest' ? t('rules.backtest.running') : t('rules.backtest.run')}
            </button>
          </div>
          {backtest && backtest.of !== JSON.stringify(bodyOf(draft)) && <p class="notice">{t('rules.backtest.stale')}</p>}
          {backtest && <BacktestResults result={backtest.result} days={backtest.days} />}
        </section>

        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="buttons">
          {rule?.enabled ? (
            <button type="submit" value="save" disabled={busy !== null}>
              {t('rules.editor.save')}
            </button>
          ) : (
            <>
              <button type="submit" value="draft" class="secondary" disabled={busy !== null}>
                {t('rules.editor.saveDraft')}
              </button>
              <button type="submit" value="enable" disabled={busy !== null}>
                {t('rules.editor.saveEnable')}
              </button>
            </>
          )}
          <button type="button" class="secondary" disabled={busy === 'save'} onClick={onCancel}>
            {t('rules.editor.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
