import { useEffect, useMemo } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { eventSentence } from '../event-sentence';
import { DIRECTION } from '../i18n/i18n';
import { HistoryEntry } from './audit-types';
import { asStoredEvent } from './history-event';
import { StateTable } from './StateTable';
import { useTicketStates } from './use-ticket-states';
import { preciseDateTime } from './zoned-time';

interface Props {
  ticketId: string;
  entries: HistoryEntry[];
  step: number;
  /** Takes the next step from the current one: keys pressed in a row each count. */
  onStep(next: (step: number) => number): void;
  /** The revision where the hash chain first fails, when it does. */
  brokenRevision?: number;
}

/**
 * A ticket's history one event at a time: who, when and what, the event's link in the hash chain,
 * and the ticket as it stood right after it, with what the event changed. Stepped with buttons,
 * a slider, or the arrow keys (mirrored right to left), Home and End.
 */
export function HistoryReplay({ ticketId, entries, step, onStep, brokenRevision }: Props) {
  const { api, t, fmt, locale } = useApp();
  const when = useMemo(() => preciseDateTime(locale, fmt.timeZone), [locale, fmt.timeZone]);
  const states = useTicketStates(api, ticketId);
  const count = entries.length;
  const entry = entries[step];
  const previous = step > 0 ? entries[step - 1] : null;

  useEffect(() => states.want(previous ? [entry.revision, previous.revision] : [entry.revision]), [entry.revision, previous?.revision, states.want]);

  const go = (to: (current: number) => number) => onStep((current) => Math.max(0, Math.min(count - 1, to(current))));
  const forwardKey = DIRECTION[locale] === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backKey = forwardKey === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
  const onKeyDown = (e: KeyboardEvent) => {
    // The slider and the picker have their own keys.
    if ((e.target as HTMLElement).closest('input, select, textarea') || e.altKey || e.ctrlKey || e.metaKey) return;
    const moves: Record<string, (current: number) => number> = { [forwardKey]: (s) => s + 1, [backKey]: (s) => s - 1, Home: () => 0, End: () => count - 1 };
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    go(to);
  };

  const sentences = useMemo(() => entries.map((e) => eventSentence(t, fmt, asStoredEvent(e))), [entries, t, fmt]);
  const position = t('audit.replay.position', { step: step + 1, count });
  const after = states.get(entry.revision);
  const before = previous ? states.get(previous.revision) : undefined;
  const hasState = (a: typeof after): a is Exclude<typeof after, ApiProblem | undefined> => a !== undefined && !(a instanceof ApiProblem);

  return (
    <section class="card replay" aria-labelledby="replay-title" onKeyDown={onKeyDown}>
      <h2 id="replay-title">{t('audit.replay.title')}</h2>
      <p class="muted" id="replay-keys">
        {t('audit.replay.keys')}
      </p>
      <div class="replay-controls" role="group" aria-label={t('audit.replay.controls')} aria-describedby="replay-keys">
        <button type="button" class="secondary" aria-disabled={step === 0} aria-keyshortcuts="Home" onClick={() => go(() => 0)}>
          {t('audit.replay.first')}
        </button>
        <button type="button" class="secondary" aria-disabled={step === 0} aria-keyshortcuts={backKey} onClick={() => go((s) => s - 1)}>
          {t('audit.replay.previous')}
        </button>
        <label class="inline replay-slider">
          <span>{t('audit.replay.slider')}</span>
          <input type="range" min={0} max={count - 1} step={1} value={step} aria-valuetext={position} onInput={(e) => {
              const value = Number((e.currentTarget as HTMLInputElement).value);
              go(() => value);
            }} />
        </label>
        <button type="button" aria-disabled={step === count - 1} aria-keyshortcuts={forwardKey} onClick={() => go((s) => s + 1)}>
          {t('audit.replay.next')}
        </button>
        <button type="button" class="secondary" aria-disabled={step === count - 1} aria-keyshortcuts="End" onClick={() => go(() => count - 1)}>
          {t('audit.replay.last')}
        </button>
        <output class="replay-position">{position}</output>
      </div>
      <p class="sr-only" aria-live="polite">
        {t('audit.replay.announce', { step: step + 1, count, sentence: sentences[step] })}
      </p>

      <div class="replay-grid">
        <section class="replay-event" aria-labelledby="replay-event-title" data-revision={entry.revision}>
          <h3 id="replay-event-title">{t('audit.replay.event')}</h3>
          <dl>
            <dt>{t('audit.replay.when')}</dt>
            <dd>
              <time dateTime={entry.occurredAt}>{when(entry.occurredAt)}</time>
            </dd>
            <dt>{t('audit.replay.what')}</dt>
            <dd class="replay-sentence">{sentences[step]}</dd>
            <dt>{t('audit.replay.type')}</dt>
            <dd>
              <code dir="ltr">{entry.type}</code>
            </dd>
            <dt>{t('audit.replay.revision')}</dt>
            <dd>{entry.revision}</dd>
            <dt>{t('audit.replay.feedPosition')}</dt>
            <dd>{entry.position}</dd>
            {entry.chain ? (
              <>
                <dt>{t('audit.replay.prev')}</dt>
                <dd>
                  <code class="hash" dir="ltr" data-chain="prev">
                    {entry.chain.prev}
                  </code>
                </dd>
                <dt>{t('audit.replay.hash')}</dt>
                <dd>
                  <code class="hash" dir="ltr" data-chain="hash">
                    {entry.chain.hash}
                  </code>
                </dd>
              </>
            ) : (
              <dd class="muted">{t('audit.replay.noChain')}</dd>
            )}
          </dl>
          {brokenRevision === entry.revision && <p class="verdict verdict-broken">{t('audit.replay.brokenHere')}</p>}
        </section>
        <div class="replay-state">
          {hasState(after) ? (
            <StateTable caption={t('audit.state.after', { step: step + 1 })} state={after.state} previous={hasState(before) ? before.state : undefined} />
          ) : after instanceof ApiProblem ? (
            <p class="error" role="alert">
              {problemText(t, after)}
            </p>
          ) : (
            <p aria-busy="true">{t('app.loading')}</p>
          )}
        </div>
      </div>

      <h3 id="replay-all-title">{t('audit.replay.all')}</h3>
      <ol class="replay-list" aria-labelledby="replay-all-title">
        {entries.map((e, i) => (
          <li key={e.revision} class={[i === step ? 'current' : '', brokenRevision === e.revision ? 'broken' : ''].join(' ').trim() || undefined}>
            <button type="button" class="link" aria-current={i === step ? 'step' : undefined} onClick={() => go(() => i)}>
              <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time> {sentences[i]}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
