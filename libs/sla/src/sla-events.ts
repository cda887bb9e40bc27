import { SlaClass } from './sla-policy';
import { SlaTargetName } from './target-clock';
import { SlaClockState } from './sla-clock';

export interface SlaRecordData {
  target: SlaTargetName;
  /** When the target falls (or fell) due; for a warning, when the warning threshold was reached. */
  dueAt: string;
  at: string;
  policy: { id: string; version: number };
  slaClass: SlaClass;
  elapsedBusinessMinutes: number;
  targetBusinessMinutes: number;
}

/** Recorded on the ticket's own stream, at most once per target each. */
export type SlaEvent = { type: 'SlaWarningIssued'; data: SlaRecordData } | { type: 'SlaBreached'; data: SlaRecordData };

export const SLA_EVENT_TYPES = ['SlaWarningIssued', 'SlaBreached'] as const;

export interface SlaRecorded {
  warned: ReadonlySet<SlaTargetName>;
  breached: ReadonlySet<SlaTargetName>;
}

/**
 * What the SLA watch must record now, given the clock observed at `state.now` and what the
 * stream already holds: a warning once the threshold has passed, and the breach once due;
 * never twice (the stream is the memory, so restarts cannot repeat them).
 */
export function slaRecordsDue(state: SlaClockState, recorded: SlaRecorded): SlaEvent[] {
  const events: SlaEvent[] = [];
  for (const t of Object.values(state.targets)) {
    const base = { target: t.target, policy: state.policy, slaClass: state.slaClass, elapsedBusinessMinutes: Math.round(t.elapsedMinutes), targetBusinessMinutes: t.targetMinutes };
    const warningPassed = t.warningAt !== null && t.warningAt <= state.now && (t.status === 'running' || t.status === 'breached');
    if (warningPassed && !recorded.warned.has(t.target) && !recorded.breached.has(t.target)) {
      events.push({ type: 'SlaWarningIssued', data: { ...base, dueAt: (t.dueAt ?? t.warningAt!).toISOString(), at: t.warningAt!.toISOString() } });
    }
    if (t.status === 'breached' && t.breachedAt && !recorded.breached.has(t.target)) {
      events.push({ type: 'SlaBreached', data: { ...base, dueAt: t.breachedAt.toISOString(), at: t.breachedAt.toISOString() } });
    }
  }
  return events;
}
