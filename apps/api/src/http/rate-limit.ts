import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Settings, SETTINGS } from '../config/settings';

/**
 * Every route but health: RATE_LIMIT requests per RATE_LIMIT_WINDOW_SECONDS per client address
 * (behind a proxy, set TRUST_PROXY so the address is the client's), then 429 with Retry-After.
 * Counters live in this process's memory.
 */
export const rateLimitModule = ThrottlerModule.forRootAsync({
  inject: [SETTINGS],
  useFactory: (settings: Settings) => ({
    throttlers: [{ name: 'default', ttl: settings.RATE_LIMIT_WINDOW_SECONDS * 1000, limit: Math.max(1, settings.RATE_LIMIT) }],
    skipIf: () => settings.RATE_LIMIT === 0,
    // One budget per address across all routes (the default would give one per route).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
  }),
});

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return String(request.ip ?? 'unknown');
  }
}
