import { UnsupportedFilterError } from '../read-store.errors';

const SEGMENT = /^[A-Za-z_$][A-Za-z0-9_]*$/;

/** Field paths are written into SQL text (index expressions must match literally), so only plain names pass. */
export function assertFieldPath(path: string): void {
  if (path === '_id') return;
  const segments = path.split('.');
  if (segments.some((s) => !SEGMENT.test(s) || s.startsWith('$'))) {
    throw new UnsupportedFilterError(`Field path "${path}" is not supported: use dotted names of letters, digits and underscores`);
  }
}

/** The SQL expression for a field's value: the primary key for `_id`, else json_extract. */
export function valueExpr(path: string): string {
  assertFieldPath(path);
  return path === '_id' ? 'id' : `json_extract(doc, '$.${path}')`;
}

/** The SQL expression for a field's JSON type ('integer', 'text', 'true', 'null', ...; NULL when missing). */
export function typeExpr(path: string): string {
  assertFieldPath(path);
  return path === '_id' ? `'text'` : `json_type(doc, '$.${path}')`;
}

export function jsonPath(path: string): string {
  assertFieldPath(path);
  return `'$.${path}'`;
}
