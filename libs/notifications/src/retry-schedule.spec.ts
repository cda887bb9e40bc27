import { nextAttemptAt, RetryPolicy } from './retry-schedule';

const policy: RetryPolicy = { maxAttempts: 8, baseSeconds: 60, maxSeconds: 3600 };
const at = new Date('2026-01-05T07:00:00.000Z');
const waitSeconds = (attempt: number, id = 'n-1') => (nextAttemptAt(policy, attempt, at, id).getTime() - at.getTime()) / 1000;

describe('the retry schedule', () => {
  it('doubles the wait after each failure, within ±10%', () => {
    [60, 120, 240, 480, 960, 1920].forEach((nominal, i) => {
      expect(waitSeconds(i + 1)).toBeGreaterThanOrEqual(nominal * 0.9);
      expect(waitSeconds(i + 1)).toBeLessThanOrEqual(nominal * 1.1);
    });
  });
  it('never waits longer than the cap (plus its spread)', () => {
    expect(waitSeconds(7)).toBeLessThanOrEqual(3600 * 1.1);
    expect(waitSeconds(30)).toBeLessThanOrEqual(3600 * 1.1);
  });
  it('is a pure function of its inputs', () => expect(waitSeconds(3)).toBe(waitSeconds(3)));
  it('spreads notifications that failed together', () => {
    const waits = new Set(Array.from({ length: 20 }, (_, i) => waitSeconds(1, `n-${i}`)));
    expect(waits.size).toBeGreaterThan(10);
  });
});
