/**
 * A position in the store's global, ordered feed. Positions are compared as bigints and
 * travel through JSON as decimal strings, so no precision is lost past 2^53.
 */
export type Position = bigint;

/** The position before the first event: reading or subscribing "after START" starts at the top. */
export const START: Position = -1n;

export function positionToString(position: Position): string {
  return position.toString(10);
}

/** Parses a decimal position; returns undefined for anything that is not a non-negative integer. */
export function parsePosition(text: unknown): Position | undefined {
  if (typeof text === 'bigint') return text >= 0n ? text : undefined;
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? BigInt(text) : undefined;
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) return undefined;
  return BigInt(text);
}

export function maxPosition(a: Position, b: Position): Position {
  return a > b ? a : b;
}
