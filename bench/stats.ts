/** Percentiles and summaries of latency samples (milliseconds unless stated). */

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    count: values.length,
    mean: values.length ? sum / values.length : NaN,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length ? values[values.length - 1] : NaN,
  };
}

/** Milliseconds since an arbitrary origin, monotonic, sub-millisecond. */
export const now = (): number => performance.now();

/** Runs `work` and answers its duration in milliseconds with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = now();
  const result = await work();
  return { ms: now() - start, result };
}

export const MiB = 1024 * 1024;
export const rssMiB = (): number => process.memoryUsage().rss / MiB;
/** Peak resident set size of this process so far. */
export const peakRssMiB = (): number => (process.resourceUsage().maxRSS * 1024) / MiB;
