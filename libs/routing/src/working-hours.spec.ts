import { isValidTimeZone, isWithinWorkingHours, localTime, parseTimeOfDay, workingHoursErrors } from './working-hours';

describe('parseTimeOfDay', () => {
  it.each<[string, number | null]>([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
    ['24:01', null],
    ['9:30', null],
    ['12:60', null],
    ['noon', null],
  ])('%s is %s', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });
});

describe('workingHoursErrors', () => {
  it('accepts split shifts and ranges that touch', () => {
    expect(workingHoursErrors({ mon: [['13:00', '17:00'], ['09:00', '13:00']], sun: [['22:00', '24:00']] })).toEqual([]);
  });
  it('lists every problem at once', () => {
    expect(workingHoursErrors({ mon: [['17:00', '09:00']], tue: [['09:00', '12:00'], ['11:00', '14:00']], funday: [] } as never)).toEqual([
      '"funday" is not a weekday (use mon, tue, wed, thu, fri, sat, sun)',
      'mon: 17:00–09:00 must end after it starts (split a night shift across two days)',
      'tue: 09:00–12:00 overlaps 11:00–14:00',
    ]);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Karachi', true],
    ['Europe/London', true],
    ['UTC', true],
    ['PKT', false],
    ['+05:00', false],
    ['', false],
  ])('%s: %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('isWithinWorkingHours', () => {
  const night = { mon: [['22:00', '24:00']], tue: [['00:00', '06:00']] } as const;
  // London is on UTC in January.
  it.each([
    ['2026-01-05T21:59:59Z', false],
    ['2026-01-05T22:00:00Z', true],
    ['2026-01-05T23:59:59Z', true],
    ['2026-01-06T00:00:00Z', true],
    ['2026-01-06T06:00:00Z', false],
  ])('follows a night shift split across midnight at %s', (instant, expected) => {
    expect(isWithinWorkingHours(night, 'Europe/London', new Date(instant))).toBe(expected);
  });
});

describe('localTime', () => {
  it('reads the same instant on different wall clocks', () => {
    const instant = new Date('2026-07-06T08:30:00Z');
    expect(localTime('Asia/Karachi', instant).label).toBe('mon 13:30');
    expect(localTime('Europe/London', instant).label).toBe('mon 09:30');
    expect(localTime('America/Los_Angeles', instant).label).toBe('mon 01:30');
  });
});
