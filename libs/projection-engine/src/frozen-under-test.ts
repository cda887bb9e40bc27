// Read once: Jest sets NODE_ENV=test before any module loads.
const FREEZE = process.env.NODE_ENV === 'test';

/**
 * Under test, freezes a document deeply, so a projection that changes a document it was given
 * (instead of returning a new one) throws there rather than corrupting a batch in production,
 * where documents are shared between events without copying.
 */
export function frozenUnderTest<T>(value: T): T {
  return FREEZE ? deepFreeze(value) : value;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
