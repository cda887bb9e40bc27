/** How often and how patiently a notification is tried. */
export interface RetryPolicy {
  /** Attempts (per round: a manual retry starts a new round) before giving up. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles after each further one. */
  baseSeconds: number;
  /** The longest wait between two attempts. */
  maxSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseSeconds: 60, maxSeconds: 6 * 60 * 60 };

/**
 * When to try again after the `attempt`-th failure (1-based): exponential backoff, capped, with a
 * spread of ±10% derived from the notification's id, so notifications that failed together (a
 * relay outage) do not all come back in the same second, yet the schedule stays a pure function.
 */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, failedAt: Date, notificationId: string): Date {
  const wait = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1));
  const spread = 0.9 + 0.2 * unitHash(`${notificationId}:${attempt}`);
  return new Date(failedAt.getTime() + Math.round(wait * spread * 1000));
}

/** FNV-1a of the text, mapped to [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}
