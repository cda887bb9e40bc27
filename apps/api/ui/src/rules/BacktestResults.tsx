import { BacktestResult } from '../api/types';
import { useApp } from '../app-context';
import { ticketHref } from '../route';

/**
 * What a draft rule would have done over the last days: each firing (the ticket, when, the
 * conditions that held, the actions), and the totals. The words of `matched` and `actions` are
 * the rule engine's own, as a firing records them.
 */
export function BacktestResults({ result, days }: { result: BacktestResult; days: number }) {
  const { t, fmt } = useApp();
  const totals = { matches: result.matchCount, tickets: result.ticketCount, days, events: result.eventsExamined, examined: result.ticketsExamined };
  if (result.matchCount === 0) {
    return (
      <p class="notice backtest-none" role="status">
        {t('rules.backtest.none', totals)}
      </p>
    );
  }
  return (
    <>
      <p class="backtest-totals" role="status">
        {t('rules.backtest.totals', totals)}
      </p>
      <table class="queue backtest">
        <caption>{t('rules.backtest.caption', { shown: result.matches.length, matches: result.matchCount })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.backtest.col.ticket')}</th>
            <th scope="col">{t('rules.backtest.col.at')}</th>
            <th scope="col">{t('rules.backtest.col.matched')}</th>
            <th scope="col">{t('rules.backtest.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {result.matches.map((m, i) => (
            <tr key={`${m.ticketId}-${m.at}-${i}`} data-ticket={m.number}>
              <th scope="row">
                <a href={ticketHref(m.ticketId)} dir="ltr">
                  {m.number}
                </a>
              </th>
              <td>
                <time dateTime={m.at}>{fmt.dateTime(m.at)}</time>
              </td>
              <td dir="ltr" lang="en">
                {m.matched.length ? <ul class="plain">{m.matched.map((text, j) => <li key={j}>{text}</li>)}</ul> : t('event.RuleFired.always')}
              </td>
              <td dir="ltr" lang="en">
                <ul class="plain">
                  {m.actions.map((text, j) => (
                    <li key={j}>{text}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
