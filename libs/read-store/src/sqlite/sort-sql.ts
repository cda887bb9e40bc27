import { Sort } from '../read-store.port';
import { FieldExprs, JSON_FIELDS } from './field-columns';
import { SqlValue } from './keyset-cursor';
import { SqlFragment } from './filter-sql';

export interface SortKey {
  expr: string;
  direction: 1 | -1;
}

/** The requested sort with `_id` ascending as the final tie-breaker, so every order is total. */
export function sortKeys(sort: Sort = {}, fields: FieldExprs = JSON_FIELDS): SortKey[] {
  const keys: SortKey[] = [];
  for (const [path, direction] of Object.entries(sort)) {
    keys.push({ expr: fields.value(path), direction: direction === -1 ? -1 : 1 });
    if (path === '_id') return keys;
  }
  return [...keys, { expr: 'id', direction: 1 }];
}

export function orderBy(keys: SortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.direction === 1 ? 'ASC' : 'DESC'}`).join(', ');
}

/**
 * Rows strictly after the cursor row in the given order. SQLite sorts NULL (missing) first
 * ascending and last descending, as MongoDB does, so NULL needs its own branches.
 */
export function afterCursor(keys: SortKey[], values: SqlValue[]): SqlFragment {
  const branches: SqlFragment[] = [];
  keys.forEach((key, i) => {
    const after = strictlyAfter(key, values[i]);
    if (!after) return;
    const equal = keys.slice(0, i).map((k, j) => ({ sql: `${k.expr} IS ?`, params: [values[j]] }));
    const parts = [...equal, after];
    branches.push({ sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) });
  });
  if (branches.length === 0) return { sql: '0', params: [] };
  return { sql: branches.map((b) => `(${b.sql})`).join(' OR '), params: branches.flatMap((b) => b.params) };
}

function strictlyAfter(key: SortKey, value: SqlValue): SqlFragment | null {
  if (key.direction === 1) return value === null ? { sql: `${key.expr} IS NOT NULL`, params: [] } : { sql: `${key.expr} > ?`, params: [value] };
  return value === null ? null : { sql: `(${key.expr} < ? OR ${key.expr} IS NULL)`, params: [value] };
}
