import { businessCalendar } from './business-calendar';
import { addBusinessMinutes, businessMinutesBetween } from './business-time';

/*
 * 2026 transitions (all on Sundays):
 *   America/New_York  8 Mar 02:00 EST -> 03:00 EDT   1 Nov 02:00 EDT -> 01:00 EST
 *   Europe/London    29 Mar 01:00 GMT -> 02:00 BST  25 Oct 02:00 BST -> 01:00 GMT
 * Instants are written with their offsets, so the expected values do not depend on the code under test.
 */
// A holiday far away keeps these calendars off the always-open shortcut, so that the DST mapping itself is tested.
const every = (zone: string, ranges: Array<[string, string]>) =>
  businessCalendar({ id: `${zone} ${ranges}`, zone, hours: ranges, weekend: [], holidays: [{ name: 'far away', date: '2099-01-01' }] });
const ny = { allDay: every('America/New_York', [['00:00', '24:00']]), night: every('America/New_York', [['00:00', '04:00']]) };
const london = { allDay: every('Europe/London', [['00:00', '24:00']]), night: every('Europe/London', [['00:00', '04:00']]) };
const nyOffice = businessCalendar({ id: 'ny-office', zone: 'America/New_York', hours: [['09:00', '17:00']] });
const londonOffice = businessCalendar({ id: 'london-office', zone: 'Europe/London', hours: [['09:00', '17:30']] });
const at = (iso: string) => new Date(iso);

describe('businessMinutesBetween across DST', () => {
  it.each([
    ['NY spring-forward day lasts 23 hours', ny.allDay, '2026-03-08T00:00-05:00', '2026-03-09T00:00-04:00', 23 * 60],
    ['NY fall-back day lasts 25 hours', ny.allDay, '2026-11-01T00:00-04:00', '2026-11-02T00:00-05:00', 25 * 60],
    ['London spring-forward day lasts 23 hours', london.allDay, '2026-03-29T00:00Z', '2026-03-30T00:00+01:00', 23 * 60],
    ['London fall-back day lasts 25 hours', london.allDay, '2026-10-25T00:00+01:00', '2026-10-26T00:00Z', 25 * 60],
    ['NY 00:00-04:00 loses the skipped hour', ny.night, '2026-03-08T00:00-05:00', '2026-03-08T12:00-04:00', 3 * 60],
    ['NY 00:00-04:00 counts the repeated hour twice', ny.night, '2026-11-01T00:00-04:00', '2026-11-01T12:00-05:00', 5 * 60],
    ['London 00:00-04:00 loses the skipped hour', london.night, '2026-03-29T00:00Z', '2026-03-29T12:00+01:00', 3 * 60],
    ['London 00:00-04:00 counts the repeated hour twice', london.night, '2026-10-25T00:00+01:00', '2026-10-25T12:00Z', 5 * 60],
    ['NY: from before the skipped hour to after it', ny.night, '2026-03-08T01:30-05:00', '2026-03-08T03:30-04:00', 60],
    ['NY: through both passes of the repeated hour', ny.night, '2026-11-01T01:30-04:00', '2026-11-01T01:30-05:00', 60],
    ['London: through both passes of the repeated hour', london.night, '2026-10-25T01:15+01:00', '2026-10-25T01:45Z', 90],
    ['NY office over the spring-forward weekend', nyOffice, '2026-03-06T16:00-05:00', '2026-03-09T10:00-04:00', 120],
    ['NY office over the fall-back weekend', nyOffice, '2026-10-30T16:00-04:00', '2026-11-02T10:00-05:00', 120],
    ['London office over the spring-forward weekend', londonOffice, '2026-03-27T17:00Z', '2026-03-30T09:30+01:00', 60],
    ['London office over the fall-back weekend', londonOffice, '2026-10-23T17:00+01:00', '2026-10-26T09:30Z', 60],
    ['London office, the whole DST week', londonOffice, '2026-03-23T00:00Z', '2026-03-30T00:00+01:00', 5 * 510],
  ])('%s', (_, calendar, from, to, minutes) => {
    expect(businessMinutesBetween(calendar, at(from), at(to))).toBe(minutes);
  });

  it('NY 01:30-03:00 on the fall-back day: both passes of 01:30-02:00, a gap, then 01:30-03:00 EST', () => {
    const calendar = every('America/New_York', [['01:30', '03:00']]);
    expect(businessMinutesBetween(calendar, at('2026-11-01T00:00-04:00'), at('2026-11-01T12:00-05:00'))).toBe(30 + 90);
    expect(businessMinutesBetween(calendar, at('2026-11-01T01:00-05:00'), at('2026-11-01T01:30-05:00'))).toBe(0);
  });
  it('NY 02:30-05:00 on the spring-forward day opens at 03:00 EDT, as 02:30 never happens', () => {
    const calendar = every('America/New_York', [['02:30', '05:00']]);
    expect(businessMinutesBetween(calendar, at('2026-03-08T00:00-05:00'), at('2026-03-08T12:00-04:00'))).toBe(120);
  });
  it('every local calendar open around the clock counts elapsed time over a DST year', () => {
    expect(businessMinutesBetween(london.allDay, at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'))).toBe(365 * 24 * 60);
  });
});

describe('addBusinessMinutes across DST', () => {
  it.each([
    ['NY: across the skipped hour', ny.night, '2026-03-08T01:30-05:00', 60, '2026-03-08T03:30-04:00'],
    ['NY: into the repeated hour', ny.night, '2026-11-01T01:30-04:00', 60, '2026-11-01T01:30-05:00'],
    ['NY: the whole 25-hour day', ny.allDay, '2026-11-01T00:00-04:00', 25 * 60, '2026-11-02T00:00-05:00'],
    ['London: across the skipped hour', london.night, '2026-03-29T00:30Z', 60, '2026-03-29T02:30+01:00'],
    ['London: into the repeated hour', london.night, '2026-10-25T01:30+01:00', 60, '2026-10-25T01:30Z'],
    ['NY office: Friday to Monday, spring forward', nyOffice, '2026-03-06T16:00-05:00', 120, '2026-03-09T10:00-04:00'],
    ['NY office: Friday to Monday, fall back', nyOffice, '2026-10-30T16:00-04:00', 120, '2026-11-02T10:00-05:00'],
    ['London office: Friday to Monday, spring forward', londonOffice, '2026-03-27T17:00Z', 60, '2026-03-30T09:30+01:00'],
    ['London office: Friday to Monday, fall back', londonOffice, '2026-10-23T17:00+01:00', 60, '2026-10-26T09:30Z'],
    ['London office: 40 weeks across both transitions', londonOffice, '2026-01-05T09:00Z', 40 * 5 * 510, '2026-10-09T17:30+01:00'],
  ])('%s', (_, calendar, from, minutes, to) => {
    expect(addBusinessMinutes(calendar, at(from), minutes)).toEqual(at(to));
  });
});
