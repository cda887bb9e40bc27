/**
 * SLA clock: a pure fold of a ticket's facts into two target clocks, observed at any `now`.
 *
 * Rules
 * 1. The clocks start at submission, with the targets and calendar of the ticket's class
 *    (its priority, or `emergency` for the emergency category). Only business time of that
 *    calendar counts.
 * 2. First response is met by the first public agent reply (or, failing one, by resolution or
 *    closing). Waiting on the customer does not pause it.
 * 3. Resolution counts business time from submission and stops at resolution. While the ticket
 *    waits on the customer it is paused; a customer reply or resumed work restarts it.
 * 4. A reopened ticket's resolution clock continues from the business time already used, so a
 *    reopened (or resumed) ticket never breaches instantly; the only exception is a class tightened
 *    while it was resolved, which is held to its new target from the reopen (rule 5).
 * 5. A change of priority or category re-targets every target not yet met: time already used is
 *    kept, only the target (and from then on the calendar) changes. If the time used already
 *    exceeds the new target, the breach happens at the change.
 * 6. A breach is final: lowering the priority later, meeting the target late or reopening does not
 *    undo it. A target met exactly at its due instant is in time; a running clock observed at
 *    its due instant is breached.
 * 7. Closing stops every clock. Facts before submission, and facts after closing other than a
 *    reopen, are ignored. Facts are expected in order; one dated before the previous fact counts
 *    as happening together with it.
 * 8. A warning falls when a target's business time reaches the policy's warning fraction (default 80%).
 */
import type { Category, Priority } from '@helpdesk/ticketing';
import { SlaFact } from './sla-facts';
import { SlaClass, slaClassOf, SlaPolicy } from './sla-policy';
import { meetTarget, retarget, runTarget, SLA_TARGET_NAMES, SlaTargetName, SlaTargetState, startTarget, TargetClock, targetState } from './target-clock';

export type SlaPhase = 'open' | 'waiting_on_customer' | 'resolved' | 'closed';
export type SlaPolicyRef = { readonly id: string; readonly version: number };

/** The folded clock, exact up to `asOf` (the last fact). */
export interface SlaClock {
  readonly policy: SlaPolicyRef;
  readonly priority: Priority;
  readonly category: Category;
  readonly slaClass: SlaClass;
  readonly phase: SlaPhase;
  readonly submittedAt: Date;
  readonly asOf: Date;
  readonly targets: Readonly<Record<SlaTargetName, TargetClock>>;
}

/** The clock as seen at `now`. */
export interface SlaClockState {
  readonly now: Date;
  readonly policy: SlaPolicyRef;
  readonly slaClass: SlaClass;
  readonly calendarId: string;
  readonly phase: SlaPhase;
  readonly targets: Readonly<Record<SlaTargetName, SlaTargetState>>;
}

export function evolveSlaClock(policy: SlaPolicy, clock: SlaClock | null, fact: SlaFact): SlaClock | null {
  if (fact.type === 'submitted') return clock ?? startClock(policy, fact);
  if (!clock || (clock.phase === 'closed' && fact.type !== 'reopened')) return clock;
  const at = fact.at < clock.asOf ? clock.asOf : fact.at;
  const c = advance(policy, clock, at, false);
  switch (fact.type) {
    case 'first_public_agent_reply':
      return meet(c, ['first_response'], at);
    case 'waiting_on_customer':
      return c.phase === 'open' ? { ...c, phase: 'waiting_on_customer' } : c;
    case 'customer_replied':
    case 'work_resumed':
      return c.phase === 'waiting_on_customer' ? { ...c, phase: 'open' } : c;
    case 'resolved':
      return isOpen(c) ? { ...meet(c, SLA_TARGET_NAMES, at), phase: 'resolved' } : c;
    case 'closed':
      return { ...meet(c, SLA_TARGET_NAMES, at), phase: 'closed' };
    case 'reopened':
      return isOpen(c) ? c : reopen(policy, c, at);
    case 'reprioritized':
      return reclassify(policy, c, fact.priority, fact.category, at);
  }
}

export function foldSlaClock(policy: SlaPolicy, facts: readonly SlaFact[]): SlaClock | null {
  return facts.reduce<SlaClock | null>((clock, fact) => evolveSlaClock(policy, clock, fact), null);
}

export function slaClockState(policy: SlaPolicy, clock: SlaClock, now: Date): SlaClockState {
  const at = now < clock.asOf ? clock.asOf : now;
  const c = advance(policy, clock, at, true);
  const calendar = policy.classes[c.slaClass].calendar;
  const state = (name: SlaTargetName) => targetState(name, c.targets[name], isRunning(c, name), calendar, at);
  return {
    now: at,
    policy: c.policy,
    slaClass: c.slaClass,
    calendarId: calendar.id,
    phase: c.phase,
    targets: { first_response: state('first_response'), resolution: state('resolution') },
  };
}

/** The clock of a ticket's facts seen at `now`; null before submission. */
export function deriveSlaClock(policy: SlaPolicy, facts: readonly SlaFact[], now: Date): SlaClockState | null {
  const clock = foldSlaClock(policy, facts);
  return clock && slaClockState(policy, clock, now);
}

/** The earliest warning or breach still ahead of `state.now`, for a reactor to sleep until; null if none. */
export function nextDeadline(state: SlaClockState): Date | null {
  const ahead = Object.values(state.targets)
    .filter((t) => t.status === 'running')
    .flatMap((t) => [t.warningAt, t.dueAt])
    .filter((d): d is Date => d !== null && d > state.now);
  return ahead.length === 0 ? null : new Date(Math.min(...ahead.map((d) => d.getTime())));
}

function startClock(policy: SlaPolicy, fact: Extract<SlaFact, { type: 'submitted' }>): SlaClock {
  const slaClass = slaClassOf(fact.priority, fact.category);
  const { targets } = policy.classes[slaClass];
  return {
    policy: { id: policy.id, version: policy.version },
    priority: fact.priority,
    category: fact.category,
    slaClass,
    phase: 'open',
    submittedAt: fact.at,
    asOf: fact.at,
    targets: {
      first_response: startTarget(targets.firstResponse, policy.warningFraction),
      resolution: startTarget(targets.resolution, policy.warningFraction),
    },
  };
}

const isOpen = (c: SlaClock) => c.phase === 'open' || c.phase === 'waiting_on_customer';

function isRunning(c: SlaClock, name: SlaTargetName): boolean {
  if (c.targets[name].metAt) return false;
  return name === 'first_response' ? isOpen(c) : c.phase === 'open';
}

/** Runs the running clocks up to `to` under the current class's calendar. */
function advance(policy: SlaPolicy, c: SlaClock, to: Date, dueCounts: boolean): SlaClock {
  if (c.policy.id !== policy.id || c.policy.version !== policy.version) {
    throw new Error(`This SLA clock runs under policy ${c.policy.id} v${c.policy.version}, not ${policy.id} v${policy.version}.`);
  }
  const calendar = policy.classes[c.slaClass].calendar;
  const run = (name: SlaTargetName) => (isRunning(c, name) ? runTarget(c.targets[name], calendar, c.asOf, to, dueCounts) : c.targets[name]);
  return { ...c, asOf: to, targets: { first_response: run('first_response'), resolution: run('resolution') } };
}

function meet(c: SlaClock, names: readonly SlaTargetName[], at: Date): SlaClock {
  const targets = { ...c.targets };
  for (const name of names) targets[name] = meetTarget(targets[name], at);
  return { ...c, targets };
}

function reopen(policy: SlaPolicy, c: SlaClock, at: Date): SlaClock {
  const resolution = { ...c.targets.resolution, metAt: null };
  const target = policy.classes[c.slaClass].targets.resolution;
  return { ...c, phase: 'open', targets: { ...c.targets, resolution: retarget(resolution, target, policy.warningFraction, at) } };
}

function reclassify(policy: SlaPolicy, c: SlaClock, priority: Priority, category: Category, at: Date): SlaClock {
  const slaClass = slaClassOf(priority, category);
  if (slaClass === c.slaClass) return { ...c, priority, category };
  const { targets } = policy.classes[slaClass];
  const fraction = policy.warningFraction;
  return {
    ...c,
    priority,
    category,
    slaClass,
    targets: {
      first_response: retarget(c.targets.first_response, targets.firstResponse, fraction, at),
      resolution: retarget(c.targets.resolution, targets.resolution, fraction, at),
    },
  };
}
