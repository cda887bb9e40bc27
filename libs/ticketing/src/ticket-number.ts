/** Human ticket numbers: HD-000123. Allocated in blocks reserved on a counter stream (hi/lo). */
export const TICKET_NUMBER_PREFIX = 'HD-';
export const TICKET_NUMBER_PATTERN = /^HD-\d{6,}$/;
export const TICKET_NUMBER_STREAM = 'ticket-numbers';

export function formatTicketNumber(n: number): string {
  return `${TICKET_NUMBER_PREFIX}${String(n).padStart(6, '0')}`;
}

export interface TicketNumberBlock {
  /** First number of the block (inclusive). */
  from: number;
  /** Last number of the block (inclusive). */
  to: number;
}

/** The block that follows the last reservation on the counter stream. */
export function nextBlock(last: TicketNumberBlock | null, size: number): TicketNumberBlock {
  const from = last ? last.to + 1 : 1;
  return { from, to: from + size - 1 };
}
