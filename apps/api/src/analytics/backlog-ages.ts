/** The age buckets of the open backlog, in wall-clock hours since submission; the last is open-ended. */
export const BACKLOG_AGE_BUCKETS = [
  { bucket: 'under_1h', fromHours: 0, toHours: 1 },
  { bucket: '1h_4h', fromHours: 1, toHours: 4 },
  { bucket: '4h_24h', fromHours: 4, toHours: 24 },
  { bucket: '1d_3d', fromHours: 24, toHours: 72 },
  { bucket: '3d_7d', fromHours: 72, toHours: 168 },
  { bucket: 'over_7d', fromHours: 168, toHours: null },
] as const;

const HOUR_MS = 3_600_000;

/**
 * The `submittedAt` range of a bucket at `now`: older than `fromHours`, not older than `toHours`.
 * The youngest bucket has no lower age, so a clock a little behind a writer's still counts every
 * open ticket once. ISO instants in UTC compare as strings, as the read stores do.
 */
export function submittedRange(bucket: (typeof BACKLOG_AGE_BUCKETS)[number], now: Date): { $lte?: string; $gt?: string } {
  const at = (hours: number) => new Date(now.getTime() - hours * HOUR_MS).toISOString();
  return {
    ...(bucket.fromHours > 0 ? { $lte: at(bucket.fromHours) } : {}),
    ...(bucket.toHours !== null ? { $gt: at(bucket.toHours) } : {}),
  };
}
