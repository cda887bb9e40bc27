/** A count's `limit` as both adapters take it: a positive integer, refused by name otherwise. */
export function countLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`A count's limit must be a positive integer, not ${limit}.`);
  return limit;
}
