// Read once: Jest sets NODE_ENV=test before any module loads.
const FREEZE = process.env.NODE_ENV === 'test';

/**
 * Under test, freezes a value deeply, so code that changes a value it was handed (a projection's
 * document, an event read from the feed) throws there rather than corrupting what production
 * shares without copying: documents between a batch's events, a feed batch between subscribers.
 */
export function frozenUnderTest<T>(value: T): T {
  return FREEZE ? deepFreeze(value) : value;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
