/**
 * Waits for a condition, never for a time: polls `probe` until it answers something truthy and
 * returns that answer, or fails naming what it waited for once `timeoutMs` has passed. The
 * deadline is generous on purpose (a busy two-core machine may be many times slower than an
 * idle one); an idle machine returns as soon as the condition holds.
 */
export async function waitUntil<T>(what: string, probe: () => T | Promise<T>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? WAIT_TIMEOUT_MS);
  for (;;) {
    const answer = await probe();
    if (answer) return answer as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${options.timeoutMs ?? WAIT_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** The default deadline of `waitUntil`. */
export const WAIT_TIMEOUT_MS = 60_000;

/**
 * Sends a read again while it answers 503 `read-model-behind` (the read models have not reached
 * its consistentWith yet; the answer's Retry-After asks for exactly this), up to `timeoutMs`;
 * answers the first other response, or the last 503.
 */
export async function retryWhileBehind<R extends { status: number; body?: { type?: string } }>(send: () => PromiseLike<R>, timeoutMs = WAIT_TIMEOUT_MS): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await send();
    if (res.status !== 503 || res.body?.type !== 'urn:helpdesk:problem:read-model-behind' || Date.now() > deadline) return res;
  }
}
