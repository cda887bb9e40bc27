import { ApiClient } from './api/client';

/** The kinds of change the server pushes (GET /live), each named by its SSE event. */
export const LIVE_EVENTS = ['ticket', 'rules', 'agents', 'users', 'macros'] as const;
export type LiveEvent = (typeof LIVE_EVENTS)[number];

/** What changed: ids and the event type, never the document (read it again to see the change). */
export interface LiveData {
  type: string;
  /** Where in the event feed: also the message's id. */
  position: string;
  ticketId?: string;
  number?: string | null;
  ruleId?: string;
  agentId?: string;
  userId?: string;
  macroId?: string;
}

export interface LiveMessage {
  event: LiveEvent;
  data: LiveData;
}

/** connecting: not joined yet; live: pushed changes arrive; down: the stream is lost (poll meanwhile). */
export type LiveState = 'connecting' | 'live' | 'down';

export interface LiveListener {
  message(message: LiveMessage): void;
  /** The stream joined afresh, or was told to reset: what this listener shows may be stale. Called before `state`. */
  resync(): void;
  state(state: LiveState): void;
}

/** Waits between attempts to reconnect (then the last, again and again). */
const RETRY_MS = [250, 1000, 2000, 4000, 8000];
/** With no screen listening for this long, the stream is closed (a screen that comes back reconnects and resumes). */
const IDLE_CLOSE_MS = 30_000;
/** A stream that has not joined the feed by then (the server's read models still catching up) counts as down: screens poll. */
const JOIN_TIMEOUT_MS = 10_000;

/**
 * One event stream per tab, shared by every screen: a stream ticket from POST /live/ticket (an
 * EventSource cannot send the Authorization header), then GET /live. On any failure the
 * EventSource is closed, not left to retry by itself (its ticket is good for a minute only), and
 * the hub reconnects with a fresh ticket and the last id it saw, so the server replays what was
 * missed; listeners poll meanwhile ('down'). The server ends a stream when the access token runs
 * out: the hub reconnects at once, with the token the API client has renewed by then.
 */
export class LiveHub {
  state: LiveState = 'connecting';
  private source: EventSource | null = null;
  private readonly listeners = new Set<LiveListener>();
  private lastId: string | null = null;
  private attempts = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private joinTimer?: ReturnType<typeof setTimeout>;
  private connecting = false;
  private closed = false;

  constructor(
    private readonly api: ApiClient,
    readonly userId: string,
    private readonly base = '',
  ) {}

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    clearTimeout(this.idleTimer);
    if (this.closed) {
      this.closed = false;
      this.attempts = 0;
    }
    if (!this.source && !this.connecting && this.retryTimer === undefined) void this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    };
  }

  /** Stops for good (signed out, another user): no reconnecting. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
    this.retryTimer = undefined;
    this.drop();
    this.state = 'connecting';
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed || this.api.user?.id !== this.userId) return this.close();
    this.connecting = true;
    let ticket: string;
    try {
      ticket = (await this.api.calculate<{ ticket: string }>('/live/ticket', {})).ticket;
    } catch {
      this.connecting = false;
      if (this.api.user?.id !== this.userId) return this.close();
      return this.down();
    }
    this.connecting = false;
    if (this.closed) return;
    const query = new URLSearchParams({ ticket });
    const resumed = this.lastId !== null;
    if (this.lastId !== null) query.set('lastEventId', this.lastId);
    const source = new EventSource(`${this.base}/live?${query}`);
    this.source = source;
    this.joinTimer = setTimeout(() => {
      this.drop();
      this.down();
    }, JOIN_TIMEOUT_MS);
    const seen = (e: Event) => {
      const id = (e as MessageEvent).lastEventId;
      if (id) this.lastId = id;
    };
    let wasLive = false;
    const joined = (fresh: boolean) => (e: Event) => {
      seen(e);
      wasLive = true;
      clearTimeout(this.joinTimer);
      this.attempts = 0;
      if (fresh) this.listeners.forEach((l) => l.resync());
      this.setState('live');
    };
    source.addEventListener('ready', joined(!resumed));
    source.addEventListener('reset', joined(true));
    source.addEventListener('position', seen);
    for (const event of LIVE_EVENTS) {
      source.addEventListener(event, (e) => {
        seen(e);
        const data = parse<LiveData>((e as MessageEvent).data);
        if (data) this.listeners.forEach((l) => l.message({ event, data }));
      });
    }
    source.addEventListener('end', (e) => {
      const reason = parse<{ reason: string }>((e as MessageEvent).data)?.reason;
      this.drop();
      // The access token ran out, or the account changed: a fresh ticket and on, without a gap
      // (unless it ended before it ever joined: then wait as after any failure, not in a loop).
      if ((reason === 'expired' || reason === 'account-changed') && wasLive) void this.connect();
      // The session is over: the next request of the page finds out and signs out.
      else if (reason === 'signed-out') this.setState('down');
      else this.down();
    });
    source.onerror = () => {
      this.drop();
      this.down();
    };
  }

  private down(): void {
    this.setState('down');
    if (this.closed) return;
    const wait = RETRY_MS[Math.min(this.attempts, RETRY_MS.length - 1)];
    this.attempts++;
    this.retryTimer = setTimeout(() => void this.connect(), wait);
  }

  private drop(): void {
    clearTimeout(this.joinTimer);
    this.source?.close();
    this.source = null;
  }

  private setState(state: LiveState): void {
    if (this.state === state) return;
    this.state = state;
    this.listeners.forEach((l) => l.state(state));
  }
}

function parse<T>(text: unknown): T | null {
  try {
    return typeof text === 'string' ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

const hubs = new WeakMap<ApiClient, LiveHub>();

/** The tab's hub for the signed-in user (a new one when another user signs in); null where there is no push. */
export function liveHubFor(api: ApiClient): LiveHub | null {
  const user = api.user;
  if (!user || typeof EventSource === 'undefined') return null;
  let hub = hubs.get(api);
  if (hub && hub.userId !== user.id) {
    hub.close();
    hub = undefined;
  }
  if (!hub) {
    hub = new LiveHub(api, user.id);
    hubs.set(api, hub);
  }
  return hub;
}
