import type { Category, Priority } from '@helpdesk/ticketing';

/** The ticket's priority, except that the emergency category is its own, tightest class. */
export const ACKNOWLEDGEMENT_CLASSES = ['low', 'medium', 'high', 'emergency'] as const;
export type AcknowledgementClass = (typeof ACKNOWLEDGEMENT_CLASSES)[number];

export const acknowledgementClassOf = (priority: Priority, category: Category): AcknowledgementClass =>
  category === 'emergency' ? 'emergency' : priority;

/** Minutes an assignee has to acknowledge, per class. */
export type AcknowledgementPolicy = Readonly<Record<AcknowledgementClass, number>>;

export const DEFAULT_ACKNOWLEDGEMENT_POLICY: AcknowledgementPolicy = { emergency: 5, high: 15, medium: 60, low: 240 };

/** The defaults with some classes overridden; throws a RangeError naming every bad value. */
export function acknowledgementPolicy(overrides: Partial<Record<AcknowledgementClass, number>> = {}): AcknowledgementPolicy {
  const policy = { ...DEFAULT_ACKNOWLEDGEMENT_POLICY, ...overrides };
  const errors = ACKNOWLEDGEMENT_CLASSES.filter((c) => !(Number.isFinite(policy[c]) && policy[c] > 0)).map(
    (c) => `${c} must be a positive number of minutes (got ${policy[c]})`,
  );
  if (errors.length > 0) throw new RangeError(`Invalid acknowledgement policy: ${errors.join('; ')}.`);
  return policy;
}

export interface PendingAssignment {
  /** When the ticket was assigned to its current assignee. */
  assignedAt: Date | string;
  priority: Priority;
  category: Category;
  acknowledged: boolean;
}

/**
 * When the assignee must have acknowledged by. Wall-clock minutes, not business time: routing
 * only assigns to agents inside their working hours, so the clock runs while they are at work.
 */
export function acknowledgementDeadline(
  assignment: Omit<PendingAssignment, 'acknowledged'>,
  policy: AcknowledgementPolicy = DEFAULT_ACKNOWLEDGEMENT_POLICY,
): Date {
  const minutes = policy[acknowledgementClassOf(assignment.priority, assignment.category)];
  return new Date(new Date(assignment.assignedAt).getTime() + minutes * 60_000);
}

/** Whether the assignment still awaits acknowledgement at or after its deadline (the deadline instant itself is late, as with SLA targets). */
export function isAcknowledgementOverdue(
  assignment: PendingAssignment,
  now: Date,
  policy: AcknowledgementPolicy = DEFAULT_ACKNOWLEDGEMENT_POLICY,
): boolean {
  return !assignment.acknowledged && now.getTime() >= acknowledgementDeadline(assignment, policy).getTime();
}
