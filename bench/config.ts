/** Benchmark sizes, read from the environment (documented at the top of run.ts and in bench/README.md). */

export const BENCHMARKS = ['appends', 'http', 'rebuild', 'lag', 'queries', 'notifications', 'mail', 'privacy', 'search', 'automation', 'live', 'peer', 'indexes'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface BenchConfig {
  only: BenchmarkName[];
  tmpRoot: string | undefined;
  appendSeconds: number;
  appendStreams: number;
  /** Lifecycle runs, one per count; the backlog rows use the first. */
  httpConnections: number[];
  httpSeconds: number;
  httpWarmupSeconds: number;
  /** Open tickets in the stores for the POST /tickets rows, one app per size. */
  httpBacklogs: number[];
  rebuildEvents: number;
  /** Commands/s the projection lag is measured at, one run (and process) per rate. */
  lagRates: number[];
  lagSeconds: number;
  querySizes: number[];
  querySamples: number;
  querySeconds: number;
  notifications: number;
  mailMessages: number;
  automationEvents: number;
  /** Rule counts the trigger reactor is measured with, beside the no-rules baseline. */
  automationRules: number[];
  /** Idle queue tabs held open by the live benchmark, each way (pushed, polled). */
  liveTabs: number;
  /** Seconds each way is measured. */
  liveSeconds: number;
  /** Open tickets the polled queue reads find. */
  liveTickets: number;
  /** Ticket lifecycles each side of the Emmett peer benchmark appends. */
  peerTickets: number;
}

function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min}, got "${raw}"`);
  return value;
}

function list<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
  const raw = process.env[name];
  if (!raw) return [...fallback];
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = values.filter((v) => !allowed.includes(v as T));
  if (unknown.length) throw new Error(`${name}: unknown ${unknown.join(', ')}; known: ${allowed.join(', ')}`);
  return values as T[];
}

function sizes(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((v) => {
    const n = Number(v.trim().replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000'));
    if (!Number.isInteger(n) || n < 100) throw new Error(`${name}: "${v}" is not a size >= 100 (1000, 100k, 1m)`);
    return n;
  });
}

function counts(name: string, fallback: number[], hint = ''): number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((v) => {
    const n = Number(v.trim().replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: "${v}" is not a whole number >= 1${hint}`);
    return n;
  });
}

export function readConfig(): BenchConfig {
  return {
    only: list('BENCH_ONLY', BENCHMARKS, BENCHMARKS),
    tmpRoot: process.env.BENCH_TMPDIR || undefined,
    appendSeconds: int('BENCH_APPEND_SECONDS', 5),
    appendStreams: int('BENCH_APPEND_STREAMS', 1000),
    httpConnections: counts('BENCH_HTTP_CONNECTIONS', [10, 50]),
    httpSeconds: int('BENCH_HTTP_SECONDS', 5),
    httpWarmupSeconds: int('BENCH_HTTP_WARMUP_SECONDS', 1, 0),
    httpBacklogs: sizes('BENCH_HTTP_BACKLOGS', [1_000, 100_000]),
    rebuildEvents: int('BENCH_REBUILD_EVENTS', 100_000, 100),
    // BENCH_LAG_RATE (one rate) is still understood when BENCH_LAG_RATES is not set.
    lagRates: counts('BENCH_LAG_RATES', process.env.BENCH_LAG_RATE ? [int('BENCH_LAG_RATE', 100)] : [100, 500]),
    lagSeconds: int('BENCH_LAG_SECONDS', 10),
    querySizes: sizes('BENCH_QUERY_SIZES', [100_000]),
    querySamples: int('BENCH_QUERY_SAMPLES', 200),
    querySeconds: int('BENCH_QUERY_SECONDS', 90),
    notifications: int('BENCH_NOTIFICATIONS', 500),
    mailMessages: int('BENCH_MAIL_MESSAGES', 1000, 10),
    automationEvents: int('BENCH_AUTOMATION_EVENTS', 20_000, 100),
    automationRules: counts('BENCH_AUTOMATION_RULES', [100, 1000], ' (no-rules is always measured)'),
    liveTabs: int('BENCH_LIVE_TABS', 200),
    liveSeconds: int('BENCH_LIVE_SECONDS', 60, 5),
    liveTickets: int('BENCH_LIVE_TICKETS', 300),
    peerTickets: int('BENCH_PEER_TICKETS', 1000, 10),
  };
}
