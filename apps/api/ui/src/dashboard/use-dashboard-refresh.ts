import { useEffect, useState } from 'preact/hooks';
import { LiveState, useLive } from '../live';

/** How often the dashboard polls while the pushed stream is down. */
export const DASHBOARD_POLL_MS = 5000;
/** Ages and SLA thresholds move with the clock alone: read again this often even when nothing is pushed. */
const CLOCK_REFRESH_MS = 60_000;
/** A burst of pushed changes (a bulk import, a busy hour) costs one reload, not one per ticket. */
const DEBOUNCE_MS = 1000;

/**
 * Keeps the dashboard current: reloads when a ticket or the roster changes (pushed by GET /live),
 * polls only while the stream is down, and reads again every minute for what the clock changes.
 */
export function useDashboardRefresh(load: () => Promise<void>, deps: unknown[]): LiveState {
  const [minute, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((n) => n + 1), CLOCK_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return useLive(load, (m) => m.event === 'ticket' || m.event === 'agents', [...deps, minute], { pollMs: DASHBOARD_POLL_MS, debounceMs: DEBOUNCE_MS });
}
