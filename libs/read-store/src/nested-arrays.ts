/**
 * FerretDB 1.x stores no array directly inside another array (`[[...]]`, as in an agent's
 * working hours `{mon: [["09:00","13:00"]]}`). On such servers the MongoDB adapter stores each
 * inner array wrapped as `{_nestedArray: [...]}` and unwraps it on every read, so documents
 * round-trip unchanged. Nothing filters or sorts on values inside nested arrays.
 */
const WRAPPER = '_nestedArray';

export function wrapNestedArrays<T>(value: T, insideArray = false): T {
  if (Array.isArray(value)) {
    const items = value.map((item) => wrapNestedArrays(item, true));
    return (insideArray ? { [WRAPPER]: items } : items) as T;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapNestedArrays(v)])) as T;
  }
  return value;
}

export function unwrapNestedArrays<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => unwrapNestedArrays(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === WRAPPER && Array.isArray(entries[0][1])) return unwrapNestedArrays(entries[0][1]) as T;
    return Object.fromEntries(entries.map(([k, v]) => [k, unwrapNestedArrays(v)])) as T;
  }
  return value;
}

/** Update operators whose values are stored: wrapped like documents ($push values are array elements). */
export function wrapUpdate<U extends Record<string, unknown>>(update: U): U {
  const out: Record<string, unknown> = { ...update };
  for (const op of ['$set', '$setOnInsert'] as const) {
    if (out[op]) out[op] = wrapNestedArrays(out[op]);
  }
  if (out.$push) {
    out.$push = Object.fromEntries(
      Object.entries(out.$push as Record<string, unknown>).map(([path, v]) => {
        const each = v !== null && typeof v === 'object' && !Array.isArray(v) && '$each' in v;
        return [path, each ? { ...v, $each: ((v as { $each: unknown[] }).$each).map((item) => wrapNestedArrays(item, true)) } : wrapNestedArrays(v, true)];
      }),
    );
  }
  return out as U;
}
