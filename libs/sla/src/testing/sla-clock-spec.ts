import type { Category, Priority } from '@helpdesk/ticketing';
import { deriveSlaClock, nextDeadline, SlaClockState } from '../sla-clock';
import { SlaFact } from '../sla-facts';
import { DEFAULT_SLA_POLICY, SlaPolicy } from '../sla-policy';
import { SlaTargetName, SlaTargetState } from '../target-clock';

/** Karachi local time (PKT, UTC+5, no DST): `pk('2026-01-05 09:00')`; 2026-01-05 is a Monday. */
export const pk = (local: string) => new Date(`${local.replace(' ', 'T')}:00+05:00`);

export const submitted = (at: string, priority: Priority, category: Category = 'incident'): SlaFact => ({ type: 'submitted', at: pk(at), priority, category });
export const fact = (type: Exclude<SlaFact['type'], 'submitted' | 'reprioritized'>, at: string): SlaFact => ({ type, at: pk(at) });
export const reprioritized = (at: string, priority: Priority, category: Category = 'incident'): SlaFact => ({ type: 'reprioritized', at: pk(at), priority, category });

type Expected = Partial<Record<SlaTargetName, Partial<SlaTargetState>>> & {
  nextDeadline?: Date | null;
  state?: Partial<Omit<SlaClockState, 'targets'>>;
};

/** given(...facts).when('2026-01-05 10:00').then({ first_response: {...}, resolution: {...}, nextDeadline }) */
export function given(...facts: SlaFact[]) {
  return {
    under(policy: SlaPolicy) {
      return whenObserved(facts, policy);
    },
    ...whenObserved(facts, DEFAULT_SLA_POLICY),
  };
}

function whenObserved(facts: SlaFact[], policy: SlaPolicy) {
  return {
    when(now: string) {
      const state = deriveSlaClock(policy, facts, pk(now));
      return {
        state,
        then(expected: Expected) {
          expect(state).not.toBeNull();
          const { nextDeadline: deadline, state: rest, ...targets } = expected;
          if (rest) expect(state).toMatchObject(rest);
          for (const [name, target] of Object.entries(targets)) expect(state!.targets[name as SlaTargetName]).toMatchObject(target!);
          if (deadline !== undefined) expect(nextDeadline(state!)).toEqual(deadline);
        },
      };
    },
  };
}
