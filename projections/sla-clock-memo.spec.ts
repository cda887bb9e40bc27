import { DEFAULT_SLA_POLICY, foldSlaClock, SlaFact, SlaPolicy, slaPolicy, DEFAULT_SLA_TARGETS, KARACHI_BUSINESS_HOURS } from '@helpdesk/sla';
import { slaClockOf } from './sla-clock-memo';
import { StoredSlaFact } from './ticket-sla';

// StoredSlaFact omits `at` from a union, which drops the union's own fields from its type.
const facts = [
  { type: 'submitted', at: '2026-01-05T04:00:00.000Z', priority: 'medium', category: 'incident' },
  { type: 'waiting_on_customer', at: '2026-01-05T05:00:00.000Z' },
  { type: 'customer_replied', at: '2026-01-06T06:30:00.000Z' },
  { type: 'reprioritized', at: '2026-01-06T07:00:00.000Z', priority: 'high', category: 'incident' },
  { type: 'first_public_agent_reply', at: '2026-01-06T07:10:00.000Z' },
  { type: 'resolved', at: '2026-01-07T09:00:00.000Z' },
  { type: 'reopened', at: '2026-01-08T10:00:00.000Z' },
  { type: 'closed', at: '2026-01-09T11:00:00.000Z' },
] as StoredSlaFact[];

const fromStored = (list: readonly StoredSlaFact[]) => list.map((f) => ({ ...f, at: new Date(f.at) }) as SlaFact);

/** Documents grow their facts one at a time: each array is the one before it plus one fact. */
function grown(list: readonly StoredSlaFact[]): StoredSlaFact[][] {
  const arrays: StoredSlaFact[][] = [];
  for (const fact of list) arrays.push([...(arrays.at(-1) ?? []), fact]);
  return arrays;
}

/** A policy that counts clock starts: `warningFraction` is read twice per start, and by nothing else these facts reach but a re-target. */
function countingPolicy(): { policy: SlaPolicy; starts: () => number } {
  let reads = 0;
  const base = slaPolicy({ id: 'counted', version: 1, targets: DEFAULT_SLA_TARGETS, calendar: KARACHI_BUSINESS_HOURS });
  const policy = new Proxy(base, { get: (target, key) => (key === 'warningFraction' && reads++, Reflect.get(target, key)) });
  return { policy, starts: () => reads / 2 };
}

describe('slaClockOf: the SLA clock of a ticket document, one new fact at a time', () => {
  it('given facts grown one at a time, when each step names the array before it, then every clock equals a fold of all the facts', () => {
    let previous: StoredSlaFact[] | undefined;
    for (const array of grown(facts)) {
      expect(slaClockOf(DEFAULT_SLA_POLICY, array, previous)).toEqual(foldSlaClock(DEFAULT_SLA_POLICY, fromStored(array)));
      previous = array;
    }
  });

  it('given facts grown one at a time without a re-target, when each step names the array before it, then the clock is started once rather than folded again per step', () => {
    const { policy, starts } = countingPolicy();
    const plain = facts.filter((f) => f.type !== 'reprioritized' && f.type !== 'reopened');
    let previous: StoredSlaFact[] | undefined;
    for (const array of grown(plain)) {
      slaClockOf(policy, array, previous);
      previous = array;
    }
    expect(starts()).toBe(1);
  });

  it('given the same steps without the array before them, then each is folded in full (and still right)', () => {
    const { policy, starts } = countingPolicy();
    const plain = facts.filter((f) => f.type !== 'reprioritized' && f.type !== 'reopened');
    const clocks = grown(plain).map((array) => slaClockOf(policy, array));
    expect(starts()).toBe(plain.length);
    grown(plain).forEach((array, i) => expect(clocks[i]).toEqual(foldSlaClock(policy, fromStored(array))));
  });

  it('given a "previous" array that the facts do not extend, when the clock is taken, then it is folded from the facts alone', () => {
    const previous = grown(facts)[2];
    slaClockOf(DEFAULT_SLA_POLICY, previous);
    const other = [{ ...facts[0], priority: 'low' }, facts[1], facts[2], { type: 'resolved', at: '2026-01-06T08:00:00.000Z' }] as StoredSlaFact[];
    expect(slaClockOf(DEFAULT_SLA_POLICY, other, previous)).toEqual(foldSlaClock(DEFAULT_SLA_POLICY, fromStored(other)));
  });

  it('given a clock taken under one policy, when the same facts are read under another, then the other policy folds them', () => {
    const array = grown(facts)[3];
    slaClockOf(DEFAULT_SLA_POLICY, array);
    const other = slaPolicy({ id: 'other', version: 2, targets: DEFAULT_SLA_TARGETS, calendar: KARACHI_BUSINESS_HOURS });
    const clock = slaClockOf(other, array);
    expect(clock?.policy).toEqual({ id: 'other', version: 2 });
    expect(clock).toEqual(foldSlaClock(other, fromStored(array)));
  });

  it('given no submission among the facts, then there is no clock', () => {
    expect(slaClockOf(DEFAULT_SLA_POLICY, [])).toBeNull();
    expect(slaClockOf(DEFAULT_SLA_POLICY, [facts[1]], [])).toBeNull();
  });
});
