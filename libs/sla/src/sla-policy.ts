import type { Category, Priority } from '@helpdesk/ticketing';
import { ALWAYS_OPEN_CALENDAR, BusinessCalendar, validateCalendar } from './business-calendar';
import { KARACHI_BUSINESS_HOURS } from './pakistan-calendar';

/** The ticket's priority, except that the emergency category is its own, tightest class. */
export const SLA_CLASSES = ['low', 'medium', 'high', 'emergency'] as const;
export type SlaClass = (typeof SLA_CLASSES)[number];

export const slaClassOf = (priority: Priority, category: Category): SlaClass => (category === 'emergency' ? 'emergency' : priority);

/** Targets in business minutes of the class's calendar. */
export interface SlaTargets {
  readonly firstResponse: number;
  readonly resolution: number;
  /** After a customer's reply, the agent's next public reply. */
  readonly nextReply?: number;
}

export interface SlaClassPolicy {
  readonly targets: SlaTargets;
  readonly calendar: BusinessCalendar;
}

/** A versioned policy: deadlines record the id and version they were computed under, for audits. */
export interface SlaPolicy {
  readonly id: string;
  readonly version: number;
  /** Share of a target after which it is "at risk" (0 < fraction < 1). */
  readonly warningFraction: number;
  readonly classes: Readonly<Record<SlaClass, SlaClassPolicy>>;
}

export interface SlaPolicyOptions {
  id: string;
  version: number;
  targets: Readonly<Record<SlaClass, SlaTargets>>;
  /** Calendar of every class not in `calendars`; default Karachi office hours. */
  calendar?: BusinessCalendar;
  /** Per-class calendars; emergency defaults to the 24/7 calendar. */
  calendars?: Readonly<Partial<Record<SlaClass, BusinessCalendar>>>;
  warningFraction?: number;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly errors: readonly string[]) {
    super(`Invalid SLA policy: ${errors.join('; ')}.`);
  }
}

export const DEFAULT_WARNING_FRACTION = 0.8;

/** Builds a policy, throwing a PolicyError that lists every problem when it is not valid. */
export function slaPolicy(options: SlaPolicyOptions): SlaPolicy {
  const calendars: Partial<Record<SlaClass, BusinessCalendar>> = { emergency: ALWAYS_OPEN_CALENDAR, ...options.calendars };
  const classes = Object.fromEntries(
    SLA_CLASSES.map((c) => [c, { targets: options.targets[c], calendar: calendars[c] ?? options.calendar ?? KARACHI_BUSINESS_HOURS }]),
  ) as Record<SlaClass, SlaClassPolicy>;
  const policy: SlaPolicy = { id: options.id, version: options.version, warningFraction: options.warningFraction ?? DEFAULT_WARNING_FRACTION, classes };
  const errors = validatePolicy(policy);
  if (errors.length > 0) throw new PolicyError(errors);
  return policy;
}

/** Every problem with a policy, as sentences; empty when it is valid. */
export function validatePolicy(policy: SlaPolicy): string[] {
  const errors: string[] = [];
  if (!policy.id?.trim()) errors.push('the policy needs an id');
  if (!Number.isInteger(policy.version) || policy.version < 1) errors.push(`version must be a whole number from 1 (got ${policy.version})`);
  if (!(policy.warningFraction > 0 && policy.warningFraction < 1)) errors.push(`warningFraction must be between 0 and 1 (got ${policy.warningFraction})`);
  for (const c of SLA_CLASSES) {
    const entry = policy.classes[c];
    if (!entry?.targets) {
      errors.push(`${c}: targets are missing`);
      continue;
    }
    const { firstResponse, resolution, nextReply } = entry.targets;
    for (const [name, value] of [['firstResponse', firstResponse], ['resolution', resolution], ['nextReply', nextReply]] as const) {
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) errors.push(`${c}: ${name} must be a positive number of business minutes (got ${value})`);
    }
    if (firstResponse > resolution) errors.push(`${c}: first response (${firstResponse} min) must not be later than resolution (${resolution} min)`);
    errors.push(...validateCalendar(entry.calendar).map((e) => `${c}: ${e}`));
  }
  for (const [looser, tighter] of [['low', 'medium'], ['medium', 'high'], ['high', 'emergency']] as const) {
    for (const target of ['firstResponse', 'resolution'] as const) {
      const [a, b] = [policy.classes[looser]?.targets?.[target], policy.classes[tighter]?.targets?.[target]];
      if (a !== undefined && b !== undefined && b > a) errors.push(`${tighter} ${target} (${b} min) must not be looser than ${looser} (${a} min)`);
    }
  }
  return errors;
}

/**
 * Defaults for a Karachi team serving customers worldwide. Business minutes of Karachi office
 * hours (8 a day), except emergencies, which run on the 24/7 calendar:
 *   emergency  first response 30 min, next reply 1 h,  resolution 4 h (around the clock)
 *   high       first response 1 h,    next reply 2 h,  resolution 1 business day
 *   medium     first response 4 h,    next reply 1 day, resolution 3 business days
 *   low        first response 1 day,  next reply 2 days, resolution 5 business days
 */
export const DEFAULT_SLA_TARGETS: Readonly<Record<SlaClass, SlaTargets>> = {
  emergency: { firstResponse: 30, nextReply: 60, resolution: 4 * 60 },
  high: { firstResponse: 60, nextReply: 2 * 60, resolution: 8 * 60 },
  medium: { firstResponse: 4 * 60, nextReply: 8 * 60, resolution: 3 * 8 * 60 },
  low: { firstResponse: 8 * 60, nextReply: 2 * 8 * 60, resolution: 5 * 8 * 60 },
};

export const DEFAULT_SLA_POLICY: SlaPolicy = slaPolicy({ id: 'default', version: 1, targets: DEFAULT_SLA_TARGETS, calendar: KARACHI_BUSINESS_HOURS });
