import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api/problem';
import { useApp } from '../app-context';
import { problemText } from '../components/problem-text';
import { useLatest } from '../live';
import { HistoryEntry, StateAnswer } from './audit-types';
import { StateTable } from './StateTable';
import { instantToWallTime, preciseDateTime, wallTimeToInstant } from './zoned-time';

interface Props {
  ticketId: string;
  entries: HistoryEntry[];
  onGoTo(step: number): void;
}

/** The ticket as it stood at an instant the auditor picks, in their own time zone (GET /tickets/:id/state?at=). */
export function StateAtInstant({ ticketId, entries, onGoTo }: Props) {
  const { api, t, fmt, locale } = useApp();
  const zone = fmt.timeZone;
  const when = useMemo(() => preciseDateTime(locale, zone), [locale, zone]);
  const [wall, setWall] = useState('');
  const [answer, setAnswer] = useState<StateAnswer | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const latest = useLatest();

  // Starts at the submission, in the zone the times are shown in (it may arrive after the page).
  const edited = useRef(false);
  useEffect(() => {
    if (!edited.current) setWall(instantToWallTime(entries[0].occurredAt, zone));
  }, [zone, entries]);

  const show = async (e: Event) => {
    e.preventDefault();
    const at = wallTimeToInstant(wall, zone);
    if (!at) return void (setAnswer(null), setMessage(t('audit.instant.invalid')));
    const current = latest();
    try {
      const found = await api.query<StateAnswer>(`/tickets/${ticketId}/state`, { at: at.toISOString() });
      if (!current()) return;
      setAnswer(found);
      setMessage(null);
    } catch (error) {
      if (!current()) return;
      setAnswer(null);
      const problem = ApiProblem.of(error);
      setMessage(problem.code === 'not-yet-submitted' ? t('audit.instant.before') : problemText(t, problem));
    }
  };

  const step = answer ? entries.findIndex((e) => e.revision === answer.revision) : -1;
  return (
    <section class="card instant" aria-labelledby="instant-title">
      <h2 id="instant-title">{t('audit.instant.title')}</h2>
      <form class="instant-form" onSubmit={show}>
        <label>
          <span>{t('audit.instant.label', { zone })}</span>
          <input
            type="datetime-local"
            step={1}
            required
            value={wall}
            onInput={(e) => {
              edited.current = true;
              setWall((e.currentTarget as HTMLInputElement).value);
            }}
          />
        </label>
        <button type="submit">{t('audit.instant.show')}</button>
      </form>
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      {answer && step >= 0 && (
        <div class="instant-answer" data-revision={answer.revision}>
          <p>
            {t('audit.instant.after', { step: step + 1, time: when(entries[step].occurredAt) })}{' '}
            <button type="button" class="secondary" onClick={() => onGoTo(step)}>
              {t('audit.instant.goTo', { step: step + 1 })}
            </button>
          </p>
          <StateTable caption={t('audit.state.at', { time: when(answer.at ?? entries[step].occurredAt) })} state={answer.state} class="instant-state" />
        </div>
      )}
    </section>
  );
}
