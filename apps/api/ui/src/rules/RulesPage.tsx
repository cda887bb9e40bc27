import { useEffect, useRef, useState } from 'preact/hooks';
import { RuleView } from '../api/types';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { useTitle } from '../route';
import { RuleEditor } from './RuleEditor';
import { moveRule } from './rule-order';
import { RuleTable } from './RuleTable';

const MANAGERS = new Set(['supervisor', 'admin']);
const byOrder = (a: RuleView, b: RuleView) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The automation rules screen: the rules in the order they run, enabled or not, moved up and
 * down, and an editor with a backtest for supervisors and admins; auditors read the list.
 */
export function RulesPage() {
  const { api, t, user, announce } = useApp();
  const [rules, setRules] = useState<RuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<RuleView | 'new' | null>(null);
  useTitle(`${t('rules.title')} · ${t('app.title')}`);
  const manager = MANAGERS.has(user.role);

  const load = () => api.query<{ items: RuleView[] }>('/automation/rules').then((r) => setRules([...r.items].sort(byOrder)));
  useEffect(() => void load().catch((e) => setError(problemText(t, e))), [api]);

  // The editor takes the focus when it opens; closed, the focus goes back to the page's heading.
  const opened = useRef(false);
  useEffect(() => {
    if (!editing && !opened.current) return;
    opened.current = true;
    document.getElementById(editing ? 'rule-editor-title' : 'rules-page-title')?.focus();
  }, [editing]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await load();
      announce(done);
    } catch (e) {
      setError(problemText(t, e));
      await load().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (rule: RuleView) =>
    act(() => api.command(`/automation/rules/${rule.id}/${rule.enabled ? 'disable' : 'enable'}`, {}), t(rule.enabled ? 'rules.disabledDone' : 'rules.enabledDone', { name: rule.name }));

  const move = (index: number, delta: -1 | 1) =>
    act(async () => {
      for (const { id, order } of moveRule(rules ?? [], index, delta)) await api.command(`/automation/rules/${id}/reorder`, { order });
    }, t('rules.moved', { name: rules![index].name, position: index + delta + 1 }));

  return (
    <section class="card" aria-labelledby="rules-page-title">
      <h1 id="rules-page-title" tabIndex={-1}>
        {t('rules.title')}
      </h1>
      <p class="muted">{t('rules.intro')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rules === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : rules.length === 0 ? (
        <p class="muted">{t('rules.none')}</p>
      ) : (
        <RuleTable rules={rules} manager={manager} busy={busy || editing !== null} onEdit={setEditing} onToggle={toggle} onMove={move} />
      )}
      {manager &&
        (editing ? (
          <RuleEditor
            key={editing === 'new' ? 'new' : `${editing.id}:${editing.revision}`}
            rule={editing === 'new' ? null : editing}
            onSaved={async (message) => {
              await load().catch((e) => setError(problemText(t, e)));
              setEditing(null);
              announce(message);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <button type="button" class="rule-new" onClick={() => setEditing('new')}>
            {t('rules.new')}
          </button>
        ))}
    </section>
  );
}
