import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { ProblemException, problemType } from '../http/problem';

const MAX_KEYS = 100_000;

/**
 * How many links and codes one client address may ask for within the window (the per-address
 * limit of the email itself is durable, on its verification stream). In this process's memory,
 * like the sign-in brakes: with several API processes, each counts separately.
 */
@Injectable()
export class VerificationRequestThrottle {
  private readonly requests = new Map<string, number[]>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Counts one request from `address`; throws 429 (counting nothing) past the limit. */
  take(address: string): void {
    const now = this.clock.now().getTime();
    const windowMs = this.settings.CUSTOMER_CODE_WINDOW_MINUTES * 60_000;
    const recent = (this.requests.get(address) ?? []).filter((t) => t > now - windowMs);
    const max = this.settings.CUSTOMER_CODES_PER_IP;
    if (recent.length >= max) {
      const wait = Math.max(1, Math.ceil((recent[recent.length - max] + windowMs - now) / 1000));
      throw new ProblemException(
        { type: problemType('too-many-verification-requests'), title: 'Too many requests', status: 429, detail: `Too many links and codes were asked for from this address; try again in ${wait} s.` },
        { 'Retry-After': String(wait) },
      );
    }
    recent.push(now);
    this.requests.delete(address);
    this.requests.set(address, recent);
    if (this.requests.size > MAX_KEYS) this.requests.delete(this.requests.keys().next().value!);
  }
}
