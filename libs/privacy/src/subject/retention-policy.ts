import { RetentionAction } from './subject-events';

export interface RetentionPolicy {
  /** Closed tickets older than this many days; 0: no retention. */
  closedTicketDays: number;
  action: RetentionAction;
  dryRun: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant before which a closed ticket is due; null when retention is off. */
export const retentionCutoff = (policy: RetentionPolicy, now: Date): Date | null =>
  policy.closedTicketDays > 0 ? new Date(now.getTime() - policy.closedTicketDays * DAY_MS) : null;

export function isDue(policy: RetentionPolicy, ticket: { status: string; closedAt: string | null }, now: Date): boolean {
  const cutoff = retentionCutoff(policy, now);
  return !!cutoff && ticket.status === 'closed' && !!ticket.closedAt && new Date(ticket.closedAt) < cutoff;
}

/** Which keys of the ticket retention shreds: both for `erase`; `identity` (who) for `anonymise`. */
export const purposesFor = (action: RetentionAction) => (action === 'erase' ? (['identity', 'content'] as const) : (['identity'] as const));
