import { Settings } from '../config/settings';

/** The live stream's knobs (LIVE_* settings, documented in the README's "Live updates"). */
export interface LiveSettings {
  heartbeatMs: number;
  maxStreamsPerPrincipal: number;
  replayMaxEvents: number;
  ticketTtlSeconds: number;
}

export const liveSettings = (settings: Settings): LiveSettings => ({
  heartbeatMs: settings.LIVE_HEARTBEAT_MS,
  maxStreamsPerPrincipal: settings.LIVE_MAX_STREAMS_PER_PRINCIPAL,
  replayMaxEvents: settings.LIVE_REPLAY_MAX_EVENTS,
  ticketTtlSeconds: settings.LIVE_TICKET_TTL_SECONDS,
});
