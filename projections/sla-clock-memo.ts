import { evolveSlaClock, foldSlaClock, SlaClock, SlaFact, SlaPolicy } from '@helpdesk/sla';
import type { StoredSlaFact } from './ticket-sla';

interface Folded {
  policy: string;
  clock: SlaClock | null;
}

// Keyed by the facts array itself: documents are never changed in place (frozen under test), so
// an array seen again holds the same facts. A document read back from the store is a new array.
const folded = new WeakMap<readonly StoredSlaFact[], Folded>();

const slaFactFromStored = (f: StoredSlaFact): SlaFact => ({ ...f, at: new Date(f.at) }) as SlaFact;

const policyKey = (policy: SlaPolicy) => `${policy.id}@${policy.version}`;

/**
 * The SLA clock folded from a ticket's stored facts. A document's facts grow by one fact at a
 * time, so when `facts` is `previous` plus one and `previous` was folded already (the same
 * ticket's document one event earlier, in this process), only the new fact is applied instead of
 * folding them all again: a ticket's rebuild costs one step per fact, not one fold per event.
 * The result is the same clock either way (`foldSlaClock` is a left fold of `evolveSlaClock`).
 */
export function slaClockOf(policy: SlaPolicy, facts: readonly StoredSlaFact[], previous?: readonly StoredSlaFact[]): SlaClock | null {
  const key = policyKey(policy);
  const hit = folded.get(facts);
  if (hit && hit.policy === key) return hit.clock;
  const before = previous && extendsByOne(facts, previous) ? folded.get(previous) : undefined;
  const clock =
    before && before.policy === key
      ? evolveSlaClock(policy, before.clock, slaFactFromStored(facts[facts.length - 1]))
      : foldSlaClock(policy, facts.map(slaFactFromStored));
  folded.set(facts, { policy: key, clock });
  return clock;
}

function extendsByOne(facts: readonly StoredSlaFact[], previous: readonly StoredSlaFact[]): boolean {
  if (facts.length !== previous.length + 1) return false;
  for (let i = 0; i < previous.length; i++) if (facts[i] !== previous[i]) return false;
  return true;
}
