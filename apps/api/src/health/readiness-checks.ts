import { Injectable } from '@nestjs/common';

/** What one readiness check found: `up`, and whatever details say why (no secrets, no personal data). */
export type ReadinessProbe = () => Promise<{ up: boolean } & Record<string, unknown>>;

/** Longest one check may take before it counts as down (an unreachable server often hangs, not fails). */
export const CHECK_TIMEOUT_MS = 5000;

/**
 * The checks /health/ready runs, by name. The built-in ones (event store, read store, projection
 * lag, shutting down) are added by HealthModule; another part adds its own from its module's
 * onModuleInit, e.g. `readiness.add('mongo', async () => ({ up: await ping(), capabilities }))`.
 */
@Injectable()
export class ReadinessChecks {
  private readonly probes = new Map<string, ReadinessProbe>();

  add(name: string, probe: ReadinessProbe): void {
    if (this.probes.has(name)) throw new Error(`readiness check "${name}" is added twice`);
    this.probes.set(name, probe);
  }

  entries(): Array<[string, ReadinessProbe]> {
    return [...this.probes];
  }
}

/** Runs a probe with a deadline; a throw or a timeout is down, with the reason. */
export async function runProbe(probe: ReadinessProbe, timeoutMs = CHECK_TIMEOUT_MS): Promise<{ up: boolean } & Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ up: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ up: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([probe().catch((error: unknown) => ({ up: false, reason: error instanceof Error ? error.message : String(error) })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
