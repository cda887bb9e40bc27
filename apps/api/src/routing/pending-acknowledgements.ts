import { QueueItem } from '@helpdesk/projections';
import { Collection } from '@helpdesk/read-store';
import { AcknowledgementClass, acknowledgementDeadline, AcknowledgementPolicy, DEFAULT_ACKNOWLEDGEMENT_POLICY } from '@helpdesk/routing';

/**
 * The acknowledgement class of each queue rank. Both name the same four classes: an emergency
 * is rank 0 and class emergency, any other ticket has its priority's (queueRank,
 * acknowledgementClassOf). So all pending tickets of one rank have the same time to acknowledge,
 * and fall due in the order they were assigned.
 */
export const ACKNOWLEDGEMENT_CLASS_BY_RANK: readonly AcknowledgementClass[] = ['emergency', 'high', 'medium', 'low'];
export const ALL_RANKS: readonly number[] = [0, 1, 2, 3];

export interface PendingAcknowledgements {
  /** Assignments past their deadline, in queue order (rank, due, id); at most `limit` per rank asked for. */
  overdue: QueueItem[];
  /** The earliest deadline still ahead (epoch ms), or null when none is. */
  nextDeadline: number | null;
}

/**
 * Open tickets whose assignee has not acknowledged yet, read per rank through the queue's
 * `open_acknowledged_rank_assigned` index (open, acknowledged, rank, assignedAt): every
 * condition is a bound of the index and the order is the index's own, so each query reads the
 * rows it returns and no more, however many tickets are open. A ticket has `assignedAt` exactly
 * when it has an assignee (both are set by TicketAssigned, and nothing clears them), so the
 * range on `assignedAt` also leaves the unassigned out.
 *
 * Overdue tickets are read for `overdueRanks` only (none when nobody could take them).
 */
export async function pendingAcknowledgements(
  queue: Collection<QueueItem>,
  now: Date,
  options: { overdueRanks: readonly number[]; limit: number; policy?: AcknowledgementPolicy },
): Promise<PendingAcknowledgements> {
  const policy = options.policy ?? DEFAULT_ACKNOWLEDGEMENT_POLICY;
  const overdue: QueueItem[] = [];
  let nextDeadline: number | null = null;
  for (const rank of ALL_RANKS) {
    // Due at or before now <=> assigned at or before now minus the rank's time to acknowledge.
    const cutoff = new Date(now.getTime() - policy[ACKNOWLEDGEMENT_CLASS_BY_RANK[rank]] * 60_000).toISOString();
    const pending = { open: true, acknowledged: false, rank };
    const [next] = await queue.find({ ...pending, assignedAt: { $gt: cutoff } }, { sort: { assignedAt: 1 }, limit: 1 });
    if (next) {
      const due = acknowledgementDeadline({ assignedAt: next.assignedAt!, priority: next.priority, category: next.category }, policy).getTime();
      nextDeadline = nextDeadline === null ? due : Math.min(nextDeadline, due);
    }
    if (options.overdueRanks.includes(rank)) overdue.push(...(await queue.find({ ...pending, assignedAt: { $lte: cutoff } }, { sort: { assignedAt: 1 }, limit: options.limit })));
  }
  return { overdue: overdue.sort(inQueueOrder), nextDeadline };
}

/** The queue's own order: rank, then the next deadline, then id. */
export const inQueueOrder = (a: QueueItem, b: QueueItem): number => a.rank - b.rank || compare(a.dueAt, b.dueAt) || compare(a._id, b._id);

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
