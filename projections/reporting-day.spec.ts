import { DateTime } from 'luxon';
import { reportingDays } from './reporting-day';

const direct = (zone: string, instant: string) => {
  const local = DateTime.fromISO(instant, { zone });
  return { day: local.toISODate(), week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}` };
};

const CHANGING_WEEKS = [
  ['2026-03-01T00:00:00Z', '2026-04-15T00:00:00Z'],
  ['2026-09-20T00:00:00Z', '2026-11-10T00:00:00Z'],
];

describe('reporting days, from the zone\'s offset segments', () => {
  it('given instants either side of local midnight in Karachi, when asked, then each falls on its own local day', () => {
    const days = reportingDays('Asia/Karachi');
    expect(days('2026-12-06T18:59:59.999Z')).toEqual({ day: '2026-12-06', week: '2026-W49' });
    expect(days('2026-12-06T19:00:00.000Z')).toEqual({ day: '2026-12-07', week: '2026-W50' });
    expect(days('2026-12-06T18:45:00.000Z')).toEqual({ day: '2026-12-06', week: '2026-W49' });
  });

  it('given zones a quarter or half hour off UTC and zones with daylight saving, when asked for many instants, then it agrees with the zone arithmetic each time', () => {
    for (const zone of ['Asia/Karachi', 'Asia/Kathmandu', 'Asia/Kolkata', 'Europe/London', 'America/St_Johns', 'Australia/Lord_Howe']) {
      const days = reportingDays(zone);
      // Every 7 minutes and 13 seconds, so each quarter hour is asked about twice at uneven points,
      // through the spring and autumn weeks in which these zones change their offsets.
      for (const [from, to] of CHANGING_WEEKS) {
        for (let t = Date.parse(from); t < Date.parse(to); t += 433_000) {
          const instant = new Date(t).toISOString();
          const got = days(instant);
          const want = direct(zone, instant);
          if (got.day !== want.day || got.week !== want.week) throw new Error(`${zone} ${instant}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        }
      }
    }
  });
});
