import { addDays, daysBetween, isDay, isoWeek, lastDays, localDay, weeksBetween } from './date-range';

describe('metric date ranges', () => {
  it('counts days in Karachi: 20:00 UTC is already the next day there', () => {
    expect(localDay(new Date('2026-01-05T18:59:00Z'))).toBe('2026-01-05');
    expect(localDay(new Date('2026-01-05T19:00:00Z'))).toBe('2026-01-06');
  });

  it('takes the last n days with today included, across a month end', () => {
    expect(lastDays(new Date('2026-03-02T08:00:00Z'), 7)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('lists the days of a range, none when it runs backwards', () => {
    expect(daysBetween('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('knows a day from something else', () => {
    expect(isDay('2026-01-31')).toBe(true);
    expect(isDay('2026-1-31')).toBe(false);
    expect(isDay('yesterday')).toBe(false);
  });
});

describe('ISO weeks', () => {
  it('names weeks as the metrics API does, a week at a year end belonging to its Thursday', () => {
    expect(isoWeek('2026-01-05')).toBe('2026-W02');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(weeksBetween('2026-01-01', '2026-01-31')).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04', '2026-W05']);
  });
});
