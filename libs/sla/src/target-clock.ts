import { BusinessCalendar } from './business-calendar';
import { addBusinessMillis, businessMillisBetween } from './business-time';

export const SLA_TARGET_NAMES = ['first_response', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGET_NAMES)[number];
export type SlaTargetStatus = 'running' | 'paused' | 'met' | 'breached';

/** One target's clock as of the last fact: business ms used so far and the instants that matter. */
export interface TargetClock {
  readonly targetMs: number;
  readonly warningMs: number;
  readonly elapsedMs: number;
  readonly metAt: Date | null;
  readonly warnedAt: Date | null;
  /** Sticky: a breach under the target in force stays a breach whatever happens next. */
  readonly breachedAt: Date | null;
}

/** One target as seen at a given instant. Minutes are exact (fractional when needed). */
export interface SlaTargetState {
  readonly target: SlaTargetName;
  readonly status: SlaTargetStatus;
  readonly elapsedMinutes: number;
  readonly targetMinutes: number;
  /** Negative when late. */
  readonly remainingMinutes: number;
  /** When it breaches if the clock keeps running, or when it did breach; null while paused or once met in time. */
  readonly dueAt: Date | null;
  /** When it reaches the warning fraction if the clock keeps running, or when it did; null while paused before that. */
  readonly warningAt: Date | null;
  readonly metAt: Date | null;
  readonly breachedAt: Date | null;
}

export function startTarget(targetMinutes: number, warningFraction: number): TargetClock {
  const { targetMs, warningMs } = thresholds(targetMinutes, warningFraction);
  return { targetMs, warningMs, elapsedMs: 0, metAt: null, warnedAt: null, breachedAt: null };
}

/**
 * Lets the clock run over [from, to). A target reached exactly at `to` counts as breached only
 * when `dueCounts`: a fact at the due instant is in time, an observer at the due instant sees it breached.
 */
export function runTarget(clock: TargetClock, calendar: BusinessCalendar, from: Date, to: Date, dueCounts: boolean): TargetClock {
  const before = clock.elapsedMs;
  const elapsedMs = before + businessMillisBetween(calendar, from, to);
  const crossing = (threshold: number) => (before >= threshold ? from : addBusinessMillis(calendar, from, threshold - before));
  const breached = elapsedMs > clock.targetMs || (dueCounts && elapsedMs >= clock.targetMs);
  return {
    ...clock,
    elapsedMs,
    warnedAt: clock.warnedAt ?? (elapsedMs >= clock.warningMs ? crossing(clock.warningMs) : null),
    breachedAt: clock.breachedAt ?? (breached ? crossing(clock.targetMs) : null),
  };
}

/** A new target that keeps the business time already used; a warning or breach it implies happens at `at`. */
export function retarget(clock: TargetClock, targetMinutes: number, warningFraction: number, at: Date): TargetClock {
  if (clock.metAt) return clock;
  const next = thresholds(targetMinutes, warningFraction);
  return {
    ...clock,
    ...next,
    warnedAt: clock.elapsedMs >= next.warningMs ? (clock.warnedAt ?? at) : null,
    breachedAt: clock.breachedAt ?? (clock.elapsedMs > next.targetMs ? at : null),
  };
}

export const meetTarget = (clock: TargetClock, at: Date): TargetClock => (clock.metAt ? clock : { ...clock, metAt: at });

export function targetState(target: SlaTargetName, clock: TargetClock, running: boolean, calendar: BusinessCalendar, now: Date): SlaTargetState {
  const remainingMs = clock.targetMs - clock.elapsedMs;
  const status: SlaTargetStatus = clock.breachedAt ? 'breached' : clock.metAt ? 'met' : running ? 'running' : 'paused';
  const ahead = (threshold: number) => addBusinessMillis(calendar, now, threshold - clock.elapsedMs);
  return {
    target,
    status,
    elapsedMinutes: clock.elapsedMs / 60_000,
    targetMinutes: clock.targetMs / 60_000,
    remainingMinutes: remainingMs / 60_000,
    dueAt: clock.breachedAt ?? (status === 'running' ? ahead(clock.targetMs) : null),
    warningAt: clock.warnedAt ?? (status === 'running' ? ahead(clock.warningMs) : null),
    metAt: clock.metAt,
    breachedAt: clock.breachedAt,
  };
}

function thresholds(targetMinutes: number, warningFraction: number) {
  const targetMs = Math.round(targetMinutes * 60_000);
  return { targetMs, warningMs: Math.round(targetMs * warningFraction) };
}
