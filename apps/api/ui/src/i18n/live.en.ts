/** English strings of the live screens (spread into messages.en.ts). */
export const liveEn = {
  'live.paused': 'Live updates are paused: checking for changes every few seconds until they are back.',
} as const;
