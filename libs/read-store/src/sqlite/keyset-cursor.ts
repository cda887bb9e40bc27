import { InvalidCursorError } from '../read-store.errors';

export type SqlValue = string | number | bigint | null;

/** Opaque page cursor: the sort-key values of the last item of a page, `_id` last. */
export function encodeCursor(values: SqlValue[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (typeof v === 'bigint' ? Number(v) : v)))).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): SqlValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const valid =
    Array.isArray(values) &&
    values.length === arity &&
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'number') &&
    typeof values[arity - 1] === 'string';
  if (!valid) throw new InvalidCursorError();
  return values as SqlValue[];
}
