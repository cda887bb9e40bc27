/**
 * Live screens. The server pushes what changed (GET /live, server-sent events: one stream per tab,
 * shared by every screen through live-hub.ts); a screen reloads its data when a change it shows
 * arrives, and polls only while the stream is down.
 *
 *   useLive(load, filter?, deps?, options?): LiveState
 *
 *   load     () => Promise<void>   reads the screen's data; runs at once (and whenever deps change),
 *                                  after each relevant message (debounced), after the stream joins
 *                                  afresh or resets, and every `pollMs` while the stream is down.
 *                                  Never two at a time; while the tab is hidden, deferred to its return.
 *   filter   (m: LiveMessage) => boolean   which messages concern the screen (default: all). A message
 *                                  is { event: 'ticket' | 'rules' | 'agents' | 'users' | 'macros',
 *                                  data: { type, position, ticketId?, number?, ruleId?, agentId?,
 *                                  userId?, macroId? } }, e.g. (m) => m.event === 'ticket'.
 *                                  Read when a message arrives, so it may use the latest render's state.
 *   deps     what `load` depends on (as for useEffect): a change reloads at once.
 *   options  { pollMs = 5000, debounceMs = 100 }
 *   returns  'connecting' | 'live' | 'down': 'live' once pushed changes arrive and the screen's data
 *            is not older than the stream; 'down' while it polls.
 *
 * Example (a dashboard that follows tickets):
 *   const state = useLive(loadFigures, (m) => m.event === 'ticket', [range]);
 *   <LiveNotice state={state} />   // says so while live updates are paused
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from './app-context';
import { liveHubFor, LiveMessage, LiveState } from './live-hub';

export type { LiveData, LiveEvent, LiveMessage, LiveState } from './live-hub';

export interface LiveOptions {
  /** How often to poll while the stream is down (ms). */
  pollMs?: number;
  /** Messages within this long of each other cause one reload (ms). */
  debounceMs?: number;
}

const everything = () => true;

export function useLive(load: () => Promise<void>, filter: (message: LiveMessage) => boolean = everything, deps: unknown[] = [], options: LiveOptions = {}): LiveState {
  const { api } = useApp();
  const latest = useRef({ load, filter });
  latest.current = { load, filter };
  const { pollMs = 5000, debounceMs = 100 } = options;
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let stopped = false;
    let running = false;
    let again = false;
    let deferred = false;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let poll: ReturnType<typeof setTimeout> | undefined;
    const hub = liveHubFor(api);
    let stream: LiveState = hub?.state ?? 'down';
    // Whether what the screen shows may be older than the stream: until its first load after joining.
    let stale = false;

    const run = async (): Promise<void> => {
      if (stopped) return;
      if (document.visibilityState !== 'visible') {
        deferred = true;
        return;
      }
      if (running) {
        again = true;
        return;
      }
      running = true;
      deferred = false;
      try {
        await latest.current.load();
      } catch {
        // Screens show their own errors; the next message or poll tries again.
      } finally {
        running = false;
      }
      if (again && !stopped) {
        again = false;
        await run();
      }
    };
    const show = () => !stopped && setState(stream === 'live' && stale ? 'connecting' : stream);
    const polling = () => {
      clearTimeout(poll);
      if (stopped || stream !== 'down') return;
      poll = setTimeout(() => void run().finally(polling), pollMs);
    };
    const unsubscribe = hub?.subscribe({
      message: (message) => {
        if (!latest.current.filter(message)) return;
        clearTimeout(debounce);
        debounce = setTimeout(() => void run(), debounceMs);
      },
      resync: () => {
        stale = true;
        clearTimeout(debounce);
        debounce = setTimeout(() => void run().finally(() => ((stale = false), show())), 0);
      },
      state: (next) => {
        stream = next;
        show();
        polling();
      },
    });
    const visible = () => {
      if (document.visibilityState === 'visible' && (deferred || stream === 'down')) void run();
    };
    document.addEventListener('visibilitychange', visible);
    show();
    void run();
    polling();
    return () => {
      stopped = true;
      clearTimeout(debounce);
      clearTimeout(poll);
      unsubscribe?.();
      document.removeEventListener('visibilitychange', visible);
    };
  }, [api, ...deps]);

  return state;
}

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
