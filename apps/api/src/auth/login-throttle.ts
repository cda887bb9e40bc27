import { Inject, Injectable } from '@nestjs/common';
import { normalizeEmail } from '@helpdesk/identity';
import { Clock, CLOCK } from '@helpdesk/shared';
import { Settings, SETTINGS } from '../config/settings';
import { ProblemException, problemType } from '../http/problem';

const MAX_KEYS = 100_000;

/**
 * Brute-force brakes for password checks: failed attempts are counted per account (whether or
 * not it exists, so the answer reveals nothing) and per client address within a sliding window.
 * Past either limit every attempt is refused with 429 and Retry-After, before any password is
 * checked, even the right one. Success clears the account's count, never the address's (an
 * attacker could otherwise reset it with an account of their own). Counts live in this
 * process's memory: with several API processes, each brakes separately.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Throws 429 when this account or address has failed too often lately. */
  check(email: string, address: string): void {
    const wait = Math.max(
      this.retryAfter(accountKey(email), this.settings.LOGIN_MAX_FAILURES_PER_ACCOUNT),
      this.retryAfter(addressKey(address), this.settings.LOGIN_MAX_FAILURES_PER_ADDRESS),
    );
    if (wait > 0) {
      throw new ProblemException(
        {
          type: problemType('too-many-sign-in-attempts'),
          title: 'Too many sign-in attempts',
          status: 429,
          detail: `Too many failed sign-ins for this account or from this address; try again in ${wait} s.`,
        },
        { 'Retry-After': String(wait) },
      );
    }
  }

  failed(email: string, address: string): void {
    this.record(accountKey(email));
    this.record(addressKey(address));
  }

  succeeded(email: string): void {
    this.failures.delete(accountKey(email));
  }

  private retryAfter(key: string, max: number): number {
    const recent = this.recent(key);
    if (recent.length < max) return 0;
    const windowMs = this.settings.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
    return Math.max(1, Math.ceil((recent[recent.length - max] + windowMs - this.clock.now().getTime()) / 1000));
  }

  private recent(key: string): number[] {
    const since = this.clock.now().getTime() - this.settings.LOGIN_FAILURE_WINDOW_SECONDS * 1000;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  private record(key: string): void {
    const list = this.recent(key);
    list.push(this.clock.now().getTime());
    this.failures.delete(key);
    this.failures.set(key, list.slice(-1000));
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }
}

const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
const addressKey = (address: string) => `address:${address}`;
