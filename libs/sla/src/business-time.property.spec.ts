import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ALWAYS_OPEN_CALENDAR, BusinessCalendar, businessCalendar, holidayDates, parseTimeOfDay, Weekday, WEEKDAYS } from './business-calendar';
import { addBusinessMinutes, businessMinutesBetween } from './business-time';
import { KARACHI_BUSINESS_HOURS } from './pakistan-calendar';

const calendars: BusinessCalendar[] = [
  KARACHI_BUSINESS_HOURS,
  ALWAYS_OPEN_CALENDAR,
  businessCalendar({
    id: 'ny-split',
    zone: 'America/New_York',
    hours: { mon: [['08:00', '12:00'], ['13:00', '17:00']], tue: [['08:00', '17:00']], sat: [['10:00', '14:00']], sun: [['00:00', '03:30']] },
    holidays: [{ name: 'Thanksgiving', from: '2026-11-26', to: '2026-11-27' }],
  }),
  businessCalendar({ id: 'london-nights', zone: 'Europe/London', hours: [['00:30', '02:30'], ['22:00', '24:00']], weekend: [] }),
];

const calendarArb = fc.constantFrom(...calendars);
/** Whole-minute instants around both DST transitions of 2026, and beyond. */
const instantArb = fc.integer({ min: Date.UTC(2025, 11, 1) / 60_000, max: Date.UTC(2027, 1, 1) / 60_000 }).map((m) => new Date(m * 60_000));

/** Reference: a minute is open when the zone's wall clock reads an open time on a working day. */
function openByWallClock(calendar: BusinessCalendar, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: calendar.zone });
  const date = local.toISODate()!;
  if (calendar.holidays.some((h) => holidayDates(h).from <= date && date <= holidayDates(h).to)) return false;
  const minute = local.hour * 60 + local.minute;
  const ranges = calendar.weeklyHours[WEEKDAYS[local.weekday - 1] as Weekday] ?? [];
  return ranges.some(([s, e]) => minute >= parseTimeOfDay(s)! && minute < parseTimeOfDay(e)!);
}

describe('business time properties', () => {
  it('adding the minutes between two instants never overshoots, and measuring what was added gives them back', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 0, max: 200_000 }), (calendar, from, minutes) => {
        const to = addBusinessMinutes(calendar, from, minutes);
        expect(businessMinutesBetween(calendar, from, to)).toBe(minutes);
        expect(to.getTime()).toBeGreaterThanOrEqual(from.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('addBusinessMinutes(from, businessMinutesBetween(from, to)) is the earliest instant with as much business time as `to`', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, (calendar, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const reached = addBusinessMinutes(calendar, from, businessMinutesBetween(calendar, from, to));
        expect(reached.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(businessMinutesBetween(calendar, reached, to)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('is additive over consecutive spans and antisymmetric', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        expect(businessMinutesBetween(calendar, a, b) + businessMinutesBetween(calendar, b, c)).toBe(businessMinutesBetween(calendar, a, c));
        // A sum, not toBe(-x): when a equals c, -0 and 0 are the same number but not Object.is-equal.
        expect(businessMinutesBetween(calendar, c, a) + businessMinutesBetween(calendar, a, c)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a minute-by-minute reading of the wall clock, across DST transitions', () => {
    const nearTransitions = fc
      .constantFrom('2026-03-07T12:00Z', '2026-03-28T12:00Z', '2026-10-24T12:00Z', '2026-10-31T12:00Z', '2026-11-25T12:00Z')
      .chain((base) => fc.integer({ min: 0, max: 48 * 60 }).map((m) => new Date(new Date(base).getTime() + m * 60_000)));
    fc.assert(
      fc.property(calendarArb, nearTransitions, fc.integer({ min: 0, max: 36 * 60 }), (calendar, from, span) => {
        let expected = 0;
        for (let m = 0; m < span; m++) if (openByWallClock(calendar, new Date(from.getTime() + m * 60_000))) expected++;
        expect(businessMinutesBetween(calendar, from, new Date(from.getTime() + span * 60_000))).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('long spans', () => {
  // How fast is a benchmark's question, not a test's (a timing threshold fails on a busy machine).
  it.each(calendars.map((c) => [c.id, c] as const))('%s: 10,000 business hours forth and back', (_, calendar) => {
    const from = new Date('2026-01-05T04:00:00Z');
    const to = addBusinessMinutes(calendar, from, 10_000 * 60);
    expect(businessMinutesBetween(calendar, from, to)).toBe(10_000 * 60);
  });

  it('counts a decade of Karachi office hours with only the 2026 holidays', () => {
    const minutes = businessMinutesBetween(KARACHI_BUSINESS_HOURS, new Date('2026-01-01T00:00:00+05:00'), new Date('2036-01-01T00:00:00+05:00'));
    expect(minutes).toBe((2608 - 10) * 480);
  });
});
