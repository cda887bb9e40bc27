import { Position, START } from '@helpdesk/event-store';

/**
 * Positions kept in documents as 20-digit zero-padded decimal strings: they compare correctly as
 * strings in every store (MongoDB and SQLite alike) and never lose precision.
 */
export type PaddedPosition = string;

export const padPosition = (position: Position): PaddedPosition => (position < 0n ? '' : position.toString().padStart(20, '0'));

export const unpadPosition = (padded: PaddedPosition | null | undefined): Position => (padded ? BigInt(padded) : START);
