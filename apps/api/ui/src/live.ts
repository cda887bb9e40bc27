import { useEffect, useRef } from 'preact/hooks';

/**
 * Live updates by polling the query side: `load` runs now, then every `ms` while the page is
 * visible, and at once when it becomes visible again. Polls never overlap.
 */
export function usePolling(load: () => Promise<void>, ms: number, deps: unknown[]): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const tick = async () => {
      clearTimeout(timer);
      if (stopped) return;
      if (!running && document.visibilityState === 'visible') {
        running = true;
        try {
          await latest.current();
        } finally {
          running = false;
        }
      }
      if (!stopped) timer = setTimeout(tick, ms);
    };
    const visible = () => document.visibilityState === 'visible' && void tick();
    document.addEventListener('visibilitychange', visible);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', visible);
    };
  }, deps);
}

/** Drops answers to requests that were overtaken: only the newest request's answer is applied. */
export function useLatest() {
  const counter = useRef(0);
  return () => {
    const ticket = ++counter.current;
    return () => ticket === counter.current;
  };
}
