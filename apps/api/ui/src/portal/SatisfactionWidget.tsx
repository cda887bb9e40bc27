import { CustomerTicket } from '../api/types';
import { useApp } from '../app-context';
import { Formats } from '../format';
import { FormError } from '../components/FormError';
import { useSubmission } from '../components/use-submission';

/**
 * The rating of a resolution, 1 to 5 with an optional comment (the csat branch's
 * POST /tickets/:id/satisfaction). Shown only once the survey is offered; changeable until its
 * deadline, then final.
 */
export function SatisfactionWidget({ ticket, fmt, onDone }: { ticket: CustomerTicket; fmt: Formats; onDone(): void }) {
  const { api, t, announce } = useApp();
  const { busy, error, run } = useSubmission(t);
  const survey = ticket.satisfaction;
  if (!survey?.offered) return null;

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const score = Number(form.get('score'));
    const comment = String(form.get('comment') ?? '').trim();
    await run(async () => {
      await api.command(`/tickets/${ticket.id}/satisfaction`, { score, ...(comment ? { comment } : {}) });
      announce(t('portal.done'));
      onDone();
    });
  };

  return (
    <section class="card" aria-labelledby="rate-title">
      <h2 id="rate-title">{t('portal.rate')}</h2>
      {survey.score !== undefined && <p role="status">{t('portal.rated', { score: survey.score })}</p>}
      {survey.final ? (
        <p>{t('portal.rateFinal')}</p>
      ) : (
        <form onSubmit={submit} aria-busy={busy}>
          {survey.changeableUntil && survey.score !== undefined && <p class="muted">{t('portal.rateChange', { time: fmt.dateTime(survey.changeableUntil) })}</p>}
          <fieldset class="rating">
            <legend class="sr-only">{t('portal.rate')}</legend>
            {[1, 2, 3, 4, 5].map((score) => (
              <label class="inline" key={score}>
                <input type="radio" name="score" value={score} required checked={survey.score === score} />
                <span>{t('portal.rateScore', { score })}</span>
              </label>
            ))}
          </fieldset>
          <label>
            <span>{t('portal.rateComment')}</span>
            <textarea name="comment" rows={2} maxLength={2000} dir="auto" />
          </label>
          <FormError error={error} />
          <button type="submit" disabled={busy}>
            {busy ? t('portal.working') : t('portal.rateSend')}
          </button>
        </form>
      )}
    </section>
  );
}
