import './live-notice.css';
import { useApp } from './app-context';
import { LiveState } from './live-hub';

/** Says so while pushed updates are paused and the screen polls instead; nothing otherwise. */
export function LiveNotice({ state }: { state: LiveState }) {
  const { t } = useApp();
  if (state !== 'down') return null;
  return (
    <p class="live-paused" data-live="down">
      {t('live.paused')}
    </p>
  );
}
