import { instantToWallTime, wallTimeToInstant } from './zoned-time';

describe('wall times in the auditor’s zone', () => {
  it('reads a picker’s value in the zone, not the browser’s', () => {
    expect(wallTimeToInstant('2026-01-05T09:14', 'Asia/Karachi')?.toISOString()).toBe('2026-01-05T04:14:00.000Z');
    expect(wallTimeToInstant('2026-01-05T09:14:30', 'Asia/Karachi')?.toISOString()).toBe('2026-01-05T04:14:30.000Z');
    expect(wallTimeToInstant('2026-07-01T12:00', 'Europe/London')?.toISOString()).toBe('2026-07-01T11:00:00.000Z');
    expect(wallTimeToInstant('2026-01-01T12:00', 'Europe/London')?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(wallTimeToInstant('2026-01-05T00:30', 'America/St_Johns')?.toISOString()).toBe('2026-01-05T04:00:00.000Z');
  });

  it('gives a time the clocks skipped the offset from before the change', () => {
    // London skipped 01:00-02:00 on 29 March 2026.
    expect(wallTimeToInstant('2026-03-29T01:30', 'Europe/London')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is no wall time', () => {
    expect(wallTimeToInstant('', 'Asia/Karachi')).toBeNull();
    expect(wallTimeToInstant('yesterday', 'Asia/Karachi')).toBeNull();
    expect(wallTimeToInstant('2026-01-05T09:14Z', 'Asia/Karachi')).toBeNull();
  });

  it('writes an instant as the zone’s wall time, and reads it back to the second', () => {
    expect(instantToWallTime('2026-01-05T04:14:09.250Z', 'Asia/Karachi')).toBe('2026-01-05T09:14:09');
    expect(instantToWallTime('2026-07-01T23:30:00Z', 'Europe/London')).toBe('2026-07-02T00:30:00');
    for (const iso of ['2026-01-05T04:14:09.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']) {
      expect(wallTimeToInstant(instantToWallTime(iso, 'Asia/Karachi'), 'Asia/Karachi')?.toISOString()).toBe(iso);
    }
  });
});
