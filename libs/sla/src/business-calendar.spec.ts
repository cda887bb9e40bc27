import { ALWAYS_OPEN_CALENDAR, BusinessCalendar, businessCalendar, CalendarError, validateCalendar } from './business-calendar';
import { KARACHI_BUSINESS_HOURS, PAKISTAN_HOLIDAYS_2026 } from './pakistan-calendar';

const valid: BusinessCalendar = { id: 'c', zone: 'Asia/Karachi', weeklyHours: { mon: [['09:00', '17:00']] }, holidays: [] };

describe('businessCalendar', () => {
  it('applies one list of ranges to every weekday, with Saturday and Sunday off by default', () => {
    const calendar = businessCalendar({ id: 'c', hours: [['09:00', '13:00'], ['14:00', '18:00']] });
    expect(calendar.zone).toBe('Asia/Karachi');
    expect(Object.keys(calendar.weeklyHours)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(calendar.weeklyHours.fri).toEqual([['09:00', '13:00'], ['14:00', '18:00']]);
  });
  it('takes a configurable weekend, e.g. Friday and Saturday', () => {
    const calendar = businessCalendar({ id: 'c', hours: [['08:00', '16:00']], weekend: ['fri', 'sat'] });
    expect(Object.keys(calendar.weeklyHours)).toEqual(['mon', 'tue', 'wed', 'thu', 'sun']);
  });
  it('takes explicit ranges per weekday, such as a short Friday', () => {
    const calendar = businessCalendar({ id: 'c', hours: { mon: [['09:00', '18:00']], fri: [['09:00', '12:30'], ['14:30', '17:00']] } });
    expect(calendar.weeklyHours).toEqual({ mon: [['09:00', '18:00']], fri: [['09:00', '12:30'], ['14:30', '17:00']] });
  });
  it('throws every problem at once', () => {
    let error: unknown;
    try {
      businessCalendar({ id: 'bad', zone: 'Asia/Lahore', hours: [['18:00', '09:00']] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).errors).toContain('"Asia/Lahore" is not an IANA time zone such as Asia/Karachi');
    expect((error as CalendarError).message).toMatch(/^Calendar bad is invalid: .*mon 18:00-09:00: the range must end after it starts/);
  });
});

describe('validateCalendar', () => {
  it.each<[string, Partial<BusinessCalendar>, string]>([
    ['an unknown zone', { zone: 'Mars/Olympus' }, '"Mars/Olympus" is not an IANA time zone such as Asia/Karachi'],
    ['a malformed time', { weeklyHours: { mon: [['9:00', '17:00']] } }, 'mon 9:00-17:00: times must be HH:mm between 00:00 and 24:00'],
    ['a time past midnight', { weeklyHours: { mon: [['09:00', '24:30']] } }, 'mon 09:00-24:30: times must be HH:mm between 00:00 and 24:00'],
    ['an empty range', { weeklyHours: { tue: [['09:00', '09:00']] } }, 'tue 09:00-09:00: the range must end after it starts (split ranges that cross midnight)'],
    ['overlapping ranges', { weeklyHours: { wed: [['12:00', '15:00'], ['09:00', '13:00']] } }, 'wed 12:00-15:00 overlaps wed 09:00-13:00'],
    ['an unknown weekday', { weeklyHours: { mon: [['09:00', '17:00']], monday: [] } as never }, '"monday" is not a weekday (use mon, tue, wed, thu, fri, sat, sun)'],
    ['no working hours at all', { weeklyHours: {} }, 'the calendar has no working hours in the week, so no deadline would ever come'],
    ['an unnamed holiday', { holidays: [{ name: ' ', date: '2026-01-01' }] }, 'holiday #1 needs a name'],
    ['an impossible date', { holidays: [{ name: 'X', date: '2026-02-30' }] }, 'holiday "X": "2026-02-30" is not a YYYY-MM-DD date'],
    ['a backwards range', { holidays: [{ name: 'Eid', from: '2026-03-22', to: '2026-03-20' }] }, 'holiday "Eid": ends (2026-03-20) before it starts (2026-03-22)'],
  ])('reports %s', (_, change, error) => {
    expect(validateCalendar({ ...valid, ...change })).toEqual([error]);
  });
  it('accepts touching ranges and a range that ends at 24:00', () => {
    expect(validateCalendar({ ...valid, weeklyHours: { sat: [['00:00', '12:00'], ['12:00', '24:00']] } })).toEqual([]);
  });
  it('accepts the built-in calendars and holidays', () => {
    expect(validateCalendar(ALWAYS_OPEN_CALENDAR)).toEqual([]);
    expect(validateCalendar(KARACHI_BUSINESS_HOURS)).toEqual([]);
    expect(PAKISTAN_HOLIDAYS_2026.map((h) => h.name)).toContain('Quaid-e-Azam Day');
  });
});
