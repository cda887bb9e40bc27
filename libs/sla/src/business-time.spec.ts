import { ALWAYS_OPEN_CALENDAR, businessCalendar } from './business-calendar';
import { addBusinessMillis, addBusinessMinutes, businessMinutesBetween, isOpenAt } from './business-time';
import { KARACHI_BUSINESS_HOURS as office } from './pakistan-calendar';

/** Karachi local time (PKT, UTC+5, no DST): `pk('2026-01-05 09:00')`. */
const pk = (local: string) => new Date(`${local.replace(' ', 'T')}:00+05:00`);

// 2026-01-05 is a Monday. Office: Mon-Fri 09:00-13:00 and 14:00-18:00 PKT, Pakistani holidays of 2026.
describe('businessMinutesBetween, Karachi office hours', () => {
  it.each([
    ['within a morning', '2026-01-05 09:00', '2026-01-05 10:30', 90],
    ['across the lunch break', '2026-01-05 12:00', '2026-01-05 15:00', 120],
    ['inside the lunch break', '2026-01-05 13:10', '2026-01-05 13:50', 0],
    ['from before opening', '2026-01-05 07:00', '2026-01-05 09:30', 30],
    ['until after closing', '2026-01-05 17:30', '2026-01-05 23:00', 30],
    ['overnight', '2026-01-05 17:00', '2026-01-06 10:00', 120],
    ['over a weekend', '2026-01-09 17:00', '2026-01-12 10:00', 120],
    ['within a weekend', '2026-01-10 10:00', '2026-01-11 17:00', 0],
    ['a whole week', '2026-01-05 09:00', '2026-01-12 09:00', 2400],
    ['over a single holiday (Kashmir Day, Thu 5 Feb)', '2026-02-04 17:00', '2026-02-06 10:00', 120],
    ['on a holiday', '2026-02-05 09:00', '2026-02-05 18:00', 0],
    ['over a holiday range (Eid ul-Fitr 20-22 Mar, Pakistan Day 23 Mar)', '2026-03-19 17:00', '2026-03-24 10:00', 120],
    ['over Eid ul-Adha (Wed 27 - Fri 29 May) and a weekend', '2026-05-26 17:00', '2026-06-01 10:00', 120],
    ['over the whole of 2026 (251 working days)', '2026-01-01 00:00', '2027-01-01 00:00', 251 * 480],
    ['for an empty span', '2026-01-05 10:00', '2026-01-05 10:00', 0],
    ['negative when reversed', '2026-01-05 10:30', '2026-01-05 09:00', -90],
  ])('%s: %s -> %s = %d', (_, from, to, minutes) => {
    expect(businessMinutesBetween(office, pk(from), pk(to))).toBe(minutes);
  });

  it('is exact to the millisecond', () => {
    expect(businessMinutesBetween(office, pk('2026-01-05 09:00'), new Date(pk('2026-01-05 09:00').getTime() + 1500))).toBe(0.025);
  });
});

describe('addBusinessMinutes, Karachi office hours', () => {
  it.each([
    ['within a morning', '2026-01-05 09:00', 60, '2026-01-05 10:00'],
    ['over the lunch break', '2026-01-05 12:30', 60, '2026-01-05 14:30'],
    ['starting at the next opening', '2026-01-05 07:00', 30, '2026-01-05 09:30'],
    ['starting after lunch when added during lunch', '2026-01-05 13:20', 15, '2026-01-05 14:15'],
    ['overnight', '2026-01-05 17:00', 120, '2026-01-06 10:00'],
    ['over a weekend', '2026-01-09 17:30', 60, '2026-01-12 09:30'],
    ['from a Saturday', '2026-01-10 10:00', 1, '2026-01-12 09:01'],
    ['landing exactly at closing, not at the next opening', '2026-01-05 17:00', 60, '2026-01-05 18:00'],
    ['landing exactly at lunch', '2026-01-05 12:00', 60, '2026-01-05 13:00'],
    ['five business days, ending Friday at closing', '2026-01-05 09:00', 2400, '2026-01-09 18:00'],
    ['over a single holiday', '2026-02-04 17:00', 120, '2026-02-06 10:00'],
    ['over a holiday range', '2026-03-19 17:00', 120, '2026-03-24 10:00'],
    ['from inside a holiday range', '2026-03-21 11:00', 480, '2026-03-24 18:00'],
    ['zero minutes: the same instant, even out of hours', '2026-01-10 10:00', 0, '2026-01-10 10:00'],
    ['over the whole of 2026', '2026-01-01 00:00', 251 * 480, '2026-12-31 18:00'],
  ])('%s: %s + %d min = %s', (_, from, minutes, to) => {
    expect(addBusinessMinutes(office, pk(from), minutes)).toEqual(pk(to));
  });

  it('refuses negative or non-finite amounts', () => {
    expect(() => addBusinessMinutes(office, pk('2026-01-05 09:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMillis(office, pk('2026-01-05 09:00'), Number.NaN)).toThrow(/Cannot add NaN/);
  });
});

describe('other calendars', () => {
  const shortFriday = businessCalendar({ id: 'short-friday', hours: { mon: [['09:00', '17:00']], fri: [['09:00', '12:00']] } });
  const friSatWeekend = businessCalendar({ id: 'gulf', zone: 'Asia/Dubai', hours: [['08:00', '16:00']], weekend: ['fri', 'sat'] });

  it.each([
    ['24/7: elapsed time', ALWAYS_OPEN_CALENDAR, '2026-01-09 17:00', '2026-01-12 10:00', 65 * 60],
    ['per-weekday ranges: Mon 8h + Fri 3h', shortFriday, '2026-01-05 00:00', '2026-01-12 00:00', 11 * 60],
    ['Friday-Saturday weekend (Dubai): Thu 16:00 GST to Sun 09:00 GST', friSatWeekend, '2026-01-08 17:00', '2026-01-11 10:00', 60],
  ])('%s', (_, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(calendar, pk(from), pk(to))).toBe(minutes);
  });

  it('adds elapsed time on the 24/7 calendar', () => {
    expect(addBusinessMinutes(ALWAYS_OPEN_CALENDAR, pk('2026-01-10 23:50'), 30)).toEqual(pk('2026-01-11 00:20'));
  });
});

describe('isOpenAt', () => {
  it.each([
    ['2026-01-05 09:00', true],
    ['2026-01-05 13:00', false],
    ['2026-01-05 17:59', true],
    ['2026-01-05 18:00', false],
    ['2026-01-10 10:00', false],
    ['2026-08-14 10:00', false],
  ])('%s: %s', (at, open) => {
    expect(isOpenAt(office, pk(at))).toBe(open);
  });
});
