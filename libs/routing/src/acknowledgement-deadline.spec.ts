import {
  acknowledgementClassOf,
  acknowledgementDeadline,
  acknowledgementPolicy,
  DEFAULT_ACKNOWLEDGEMENT_POLICY,
  isAcknowledgementOverdue,
  PendingAssignment,
} from './acknowledgement-deadline';

const assignedAt = '2026-01-05T06:00:00.000Z';
const at = (minutesLater: number) => new Date(Date.parse(assignedAt) + minutesLater * 60_000);

describe('acknowledgementClassOf', () => {
  it.each([
    ['low', 'question', 'low'],
    ['medium', 'incident', 'medium'],
    ['high', 'alert', 'high'],
    ['medium', 'emergency', 'emergency'],
  ] as const)('%s %s is %s', (priority, category, expected) => {
    expect(acknowledgementClassOf(priority, category)).toBe(expected);
  });
});

describe('acknowledgementDeadline', () => {
  it.each([
    ['emergency', 'high', 'emergency', 5],
    ['high', 'high', 'incident', 15],
    ['medium', 'medium', 'question', 60],
    ['low', 'low', 'feature_request', 240],
  ] as const)('gives %s tickets %s minutes by default', (_, priority, category, minutes) => {
    expect(acknowledgementDeadline({ assignedAt, priority, category })).toEqual(at(minutes));
  });
  it('takes a Date as well as an ISO string', () => {
    expect(acknowledgementDeadline({ assignedAt: new Date(assignedAt), priority: 'high', category: 'alert' })).toEqual(at(15));
  });
  it('follows a configured policy', () => {
    const policy = acknowledgementPolicy({ high: 10, low: 480 });
    expect(policy).toEqual({ emergency: 5, high: 10, medium: 60, low: 480 });
    expect(acknowledgementDeadline({ assignedAt, priority: 'high', category: 'alert' }, policy)).toEqual(at(10));
  });
  it('refuses a policy with a missing or non-positive time, naming every one', () => {
    expect(() => acknowledgementPolicy({ emergency: 0, medium: Number.NaN })).toThrow(
      new RangeError('Invalid acknowledgement policy: medium must be a positive number of minutes (got NaN); emergency must be a positive number of minutes (got 0).'),
    );
  });
  it('leaves the defaults alone', () => {
    acknowledgementPolicy({ low: 1 });
    expect(DEFAULT_ACKNOWLEDGEMENT_POLICY.low).toBe(240);
  });
});

describe('isAcknowledgementOverdue', () => {
  const pending: PendingAssignment = { assignedAt, priority: 'medium', category: 'emergency', acknowledged: false };
  it.each<[string, PendingAssignment, number, boolean]>([
    ['before the deadline', pending, 4.99, false],
    ['at the deadline instant', pending, 5, true],
    ['after the deadline', pending, 30, true],
    ['never, once acknowledged', { ...pending, acknowledged: true }, 30, false],
    ['by its own class: a medium ticket has an hour', { ...pending, category: 'incident' }, 30, false],
  ])('is overdue %s: %#', (_, assignment, minutesLater, expected) => {
    expect(isAcknowledgementOverdue(assignment, at(minutesLater))).toBe(expected);
  });
  it('follows a configured policy', () => {
    expect(isAcknowledgementOverdue({ ...pending, category: 'incident' }, at(30), acknowledgementPolicy({ medium: 20 }))).toBe(true);
  });
});
