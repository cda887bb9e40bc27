import { useApp } from '../app-context';
import { Verification } from './audit-types';

/** The verdict on a ticket's hash chain: intact, or the first link that does not hold. */
export function ChainVerdict({ verdict, onGoTo }: { verdict: Verification; onGoTo?: (revision: number) => void }) {
  const { t } = useApp();
  const broken = verdict.firstBroken;
  return (
    <div class={`verdict ${verdict.ok ? 'verdict-ok' : 'verdict-broken'}`} data-verdict={verdict.ok ? 'ok' : 'broken'}>
      {verdict.ok || !broken ? (
        <p>
          <span aria-hidden="true">✓ </span>
          {t('audit.verify.ok', { count: verdict.events })}
        </p>
      ) : (
        <>
          <p>
            <span aria-hidden="true">✗ </span>
            {t('audit.verify.broken', { revision: broken.revision, position: broken.position, reason: broken.reason })}
          </p>
          {onGoTo && (
            <button type="button" class="secondary" onClick={() => onGoTo(broken.revision)}>
              {t('audit.verify.goTo')}
            </button>
          )}
        </>
      )}
      {/* First-strong isolates keep the stream id left to right inside Urdu text. */}
      <p class="muted small">{t('audit.verify.stream', { stream: `\u2068${verdict.streamId}\u2069` })}</p>
    </div>
  );
}
