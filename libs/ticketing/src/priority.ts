import { Category } from './category';

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * Queue rank, smallest first: the emergency category jumps the queue ahead of every priority,
 * then high, medium, low.
 */
export function queueRank(priority: Priority, category: Category): number {
  if (category === 'emergency') return 0;
  return { high: 1, medium: 2, low: 3 }[priority];
}

/** Priority a new ticket starts with: an emergency is high; everything else medium until triaged. */
export function initialPriority(category: Category): Priority {
  return category === 'emergency' ? 'high' : 'medium';
}
