import { DEFAULT_SLA_POLICY, SlaClass, SlaFact, SlaPolicy, SlaTargetState, slaClockState } from '@helpdesk/sla';
import { slaClockOf } from './sla-clock-memo';

export type SlaPolicyRef = { id: string; version: number };

/** Where projections find the policy a ticket's clock runs on (versions never change once published). */
export interface SlaPolicies {
  get(ref: SlaPolicyRef | null | undefined): Promise<SlaPolicy>;
}

export const DEFAULT_SLA_POLICIES: SlaPolicies = { get: async () => DEFAULT_SLA_POLICY };

/** A fact of the SLA clock as stored in a document (instants as ISO strings). */
export type StoredSlaFact = Omit<SlaFact, 'at'> & { at: string };

export interface SlaTargetView {
  status: SlaTargetState['status'];
  dueAt: string | null;
  warningAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
  targetBusinessMinutes: number;
  /** Business minutes used as of the ticket's last event. */
  elapsedBusinessMinutes: number;
}

/** The SLA block of `tickets` and `queue` documents, derived from the facts by the SLA library. */
export interface TicketSla {
  policy: { id: string; version: number };
  slaClass: SlaClass;
  firstResponse: SlaTargetView;
  resolution: SlaTargetView;
  /** Targets whose warning / breach is recorded on the stream. */
  warned: string[];
  breached: string[];
  /** Warned, still running, not breached: what `GET /sla/at-risk` lists. */
  atRisk: boolean;
  /** The next warning or breach the SLA watch has to record; null when none is running. */
  nextAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function view(t: SlaTargetState): SlaTargetView {
  return {
    status: t.status,
    dueAt: iso(t.dueAt),
    warningAt: iso(t.warningAt),
    metAt: iso(t.metAt),
    breachedAt: iso(t.breachedAt),
    targetBusinessMinutes: t.targetMinutes,
    elapsedBusinessMinutes: Math.round(t.elapsedMinutes),
  };
}

/**
 * The SLA block as of `asOf` (the last event), or null before submission. `previous` is the facts
 * array of the document before this event, when `facts` extends it by one (see `slaClockOf`).
 */
export function ticketSla(
  policy: SlaPolicy,
  facts: readonly StoredSlaFact[],
  warned: string[],
  breached: string[],
  asOf: string,
  previous?: readonly StoredSlaFact[],
): TicketSla | null {
  const clock = slaClockOf(policy, facts, previous);
  if (!clock) return null;
  const state = slaClockState(policy, clock, new Date(asOf));
  // Plain loops: this runs for every ticket event of five projections.
  let next = Infinity;
  let atRisk = false;
  for (const t of [state.targets.first_response, state.targets.resolution]) {
    if (t.status !== 'running') continue;
    const isWarned = warned.includes(t.target);
    const isBreached = breached.includes(t.target);
    if (!isWarned && t.warningAt) next = Math.min(next, t.warningAt.getTime());
    if (!isBreached && t.dueAt) next = Math.min(next, t.dueAt.getTime());
    atRisk ||= isWarned && !isBreached;
  }
  return {
    policy: state.policy,
    slaClass: state.slaClass,
    firstResponse: view(state.targets.first_response),
    resolution: view(state.targets.resolution),
    warned,
    breached,
    atRisk,
    nextAt: next === Infinity ? null : new Date(next).toISOString(),
  };
}
