import { useEffect, useState } from 'preact/hooks';
import { AgentRecord, CATEGORIES, PRIORITIES, Ticket } from '../api/types';
import { useApp } from '../app-context';
import { ActionName, availableActions } from '../ticket-actions';

/** Runs one command on the ticket; resolves true when it was accepted. */
export type Run = (action: ActionName, path: string, body: Record<string, unknown>) => Promise<boolean>;

const read = (e: Event) => Object.fromEntries(new FormData(e.currentTarget as HTMLFormElement)) as Record<string, string>;

/** The actions the agent's role allows on the ticket in its current state. */
export function TicketActions({ ticket, busy, run }: { ticket: Ticket; busy: string | null; run: Run }) {
  const { t, user, api } = useApp();
  const actions = new Set(availableActions(ticket, user));
  const [agents, setAgents] = useState<AgentRecord[]>([]);
  useEffect(() => {
    if (!actions.has('reassign')) return;
    api
      .query<{ items: AgentRecord[] }>('/agents')
      .then((r) => setAgents(r.items.filter((a) => a.active)))
      .catch(() => setAgents([]));
  }, [api, actions.has('reassign')]);

  const disabled = busy !== null;
  const label = (action: ActionName) => (busy === action ? t('action.working') : t(`action.${action}`));
  const button = (action: ActionName, path: string, body: Record<string, unknown> = {}) =>
    actions.has(action) && (
      <button type="button" disabled={disabled} onClick={() => run(action, path, body)} data-action={action}>
        {label(action)}
      </button>
    );
  const form = (action: ActionName, onSubmit: (values: Record<string, string>) => [string, Record<string, unknown>], fields: preact.ComponentChildren) =>
    actions.has(action) && (
      <form
        class={`action-form action-${action}`}
        onSubmit={async (e) => {
          e.preventDefault();
          const target = e.currentTarget as HTMLFormElement;
          const [path, body] = onSubmit(read(e));
          if (await run(action, path, body)) target.reset();
        }}
      >
        {fields}
        <button type="submit" disabled={disabled} data-action={action}>
          {label(action)}
        </button>
      </form>
    );

  /** A one-select form that sends `{[field]: value}`: set priority, set category. */
  const choose = (action: 'prioritize' | 'categorize', field: 'priority' | 'category', values: readonly string[], name: (value: string) => string) =>
    form(action, (v) => [action, { [field]: v[field] }], (
      <label>
        <span>{t(`action.field.${field}`)}</span>
        <select name={field} required>
          {values.map((value) => (
            <option value={value} key={value}>
              {name(value)}
            </option>
          ))}
        </select>
      </label>
    ));

  if (actions.size === 0) {
    return (
      <section aria-labelledby="actions-title" class="card">
        <h2 id="actions-title">{t('ticket.actions')}</h2>
        <p class="muted">{t('ticket.noActions')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="actions-title" class="card actions">
      <h2 id="actions-title">{t('ticket.actions')}</h2>
      <div class="buttons">
        {button('take', 'assign', { agentId: user.id })}
        {button('acknowledge', 'acknowledge')}
        {button('start', 'start')}
        {button('wait', 'wait')}
        {button('close', 'close')}
      </div>
      {form('reply', (v) => ['comments', { body: v.body, visibility: 'public' }], (
        <label>
          <span>{t('action.field.reply')}</span>
          <textarea name="body" required maxLength={20000} rows={3} dir="auto" />
        </label>
      ))}
      {form('note', (v) => ['comments', { body: v.body, visibility: 'internal' }], (
        <label>
          <span>{t('action.field.note')}</span>
          <textarea name="body" required maxLength={20000} rows={2} dir="auto" />
        </label>
      ))}
      {form('resolve', (v) => ['resolve', { resolution: v.resolution }], (
        <label>
          <span>{t('action.field.resolution')}</span>
          <textarea name="resolution" required maxLength={20000} rows={2} dir="auto" />
        </label>
      ))}
      <div class="inline-forms">
        {choose('prioritize', 'priority', PRIORITIES.filter((p) => p !== ticket.priority), (priority) => t('priority', { priority }))}
        {choose('categorize', 'category', CATEGORIES.filter((c) => c !== ticket.category), (category) => t('category', { category }))}
        {agents.length > 0 &&
          form('reassign', (v) => ['assign', { agentId: v.agentId, ...(v.reason ? { reason: v.reason } : {}) }], (
            <>
              <label>
                <span>{t('action.field.agent')}</span>
                <select name="agentId" required>
                  {agents
                    .filter((a) => a.id !== ticket.assigneeId)
                    .map((a) => (
                      <option value={a.id} key={a.id}>
                        {a.name} ({a.openTickets})
                      </option>
                    ))}
                </select>
              </label>
              <label>
                <span>{t('action.field.reason')}</span>
                <input name="reason" maxLength={2000} dir="auto" />
              </label>
            </>
          ))}
        {form('reopen', (v) => ['reopen', { reason: v.reason }], (
          <label>
            <span>{t('action.field.reopenReason')}</span>
            <input name="reason" required maxLength={2000} dir="auto" />
          </label>
        ))}
      </div>
    </section>
  );
}
