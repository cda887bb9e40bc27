import { ALWAYS_OPEN_CALENDAR, businessCalendar } from './business-calendar';
import { businessMinutesBetween } from './business-time';
import { KARACHI_BUSINESS_HOURS } from './pakistan-calendar';
import { DEFAULT_SLA_POLICY, DEFAULT_SLA_TARGETS, PolicyError, SlaPolicy, slaClassOf, slaPolicy, validatePolicy } from './sla-policy';

describe('slaClassOf', () => {
  it.each([
    ['low', 'question', 'low'],
    ['medium', 'incident', 'medium'],
    ['high', 'alert', 'high'],
    ['high', 'emergency', 'emergency'],
    ['low', 'emergency', 'emergency'],
  ] as const)('%s %s is %s', (priority, category, expected) => {
    expect(slaClassOf(priority, category)).toBe(expected);
  });
});

describe('the default policy', () => {
  it('is valid, versioned, warns at 80%, and runs emergencies around the clock', () => {
    expect(validatePolicy(DEFAULT_SLA_POLICY)).toEqual([]);
    expect(DEFAULT_SLA_POLICY).toMatchObject({ id: 'default', version: 1, warningFraction: 0.8 });
    expect(DEFAULT_SLA_POLICY.classes.emergency.calendar).toBe(ALWAYS_OPEN_CALENDAR);
    expect(DEFAULT_SLA_POLICY.classes.high.calendar).toBe(KARACHI_BUSINESS_HOURS);
  });
  it('gets tighter from low to emergency', () => {
    const { low, medium, high, emergency } = DEFAULT_SLA_POLICY.classes;
    expect([low, medium, high, emergency].map((c) => c.targets.firstResponse)).toEqual([480, 240, 60, 30]);
    expect([low, medium, high, emergency].map((c) => c.targets.resolution)).toEqual([2400, 1440, 480, 240]);
  });
  it('works Karachi office hours: 8 hours a day with a lunch break, Pakistani holidays off', () => {
    const week = (from: string, to: string) => businessMinutesBetween(KARACHI_BUSINESS_HOURS, new Date(from), new Date(to));
    expect(week('2026-01-05T00:00+05:00', '2026-01-12T00:00+05:00')).toBe(5 * 480);
    expect(week('2026-08-10T00:00+05:00', '2026-08-17T00:00+05:00')).toBe(4 * 480); // Independence Day, Fri 14 Aug
  });
});

describe('slaPolicy', () => {
  it('uses one calendar for every class but emergency, unless told otherwise per class', () => {
    const dubai = businessCalendar({ id: 'dubai', zone: 'Asia/Dubai', hours: [['08:00', '17:00']], weekend: ['sat', 'sun'] });
    const policy = slaPolicy({ id: 'gulf', version: 1, targets: DEFAULT_SLA_TARGETS, calendar: dubai, calendars: { emergency: KARACHI_BUSINESS_HOURS } });
    expect(Object.values(policy.classes).map((c) => c.calendar.id)).toEqual(['dubai', 'dubai', 'dubai', 'karachi-office']);
  });
  it('throws every problem at once', () => {
    const bad = () =>
      slaPolicy({
        id: ' ',
        version: 0,
        warningFraction: 1,
        targets: { ...DEFAULT_SLA_TARGETS, high: { firstResponse: 600, resolution: 480 }, emergency: { firstResponse: 0, resolution: 600 } },
      });
    expect(bad).toThrow(PolicyError);
    let errors: readonly string[] = [];
    try {
      bad();
    } catch (e) {
      errors = (e as PolicyError).errors;
    }
    expect(errors).toEqual([
      'the policy needs an id',
      'version must be a whole number from 1 (got 0)',
      'warningFraction must be between 0 and 1 (got 1)',
      'high: first response (600 min) must not be later than resolution (480 min)',
      'emergency: firstResponse must be a positive number of business minutes (got 0)',
      'high firstResponse (600 min) must not be looser than medium (240 min)',
      'emergency resolution (600 min) must not be looser than high (480 min)',
    ]);
  });
  it('reports invalid calendars by class', () => {
    const broken = { ...KARACHI_BUSINESS_HOURS, zone: 'Asia/Lahore' };
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, classes: { ...DEFAULT_SLA_POLICY.classes, low: { ...DEFAULT_SLA_POLICY.classes.low, calendar: broken } } };
    expect(validatePolicy(policy)).toEqual(['low: "Asia/Lahore" is not an IANA time zone such as Asia/Karachi']);
  });
});
