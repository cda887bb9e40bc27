import { Filter } from '../read-store.port';
import { UnsupportedFilterError } from '../read-store.errors';
import { FieldExprs, JSON_FIELDS } from './field-columns';
import { jsonPath } from './json-path';
import { SqlValue } from './keyset-cursor';

export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}

/** Paths that have held an array in this collection: they get MongoDB's element-match semantics. */
export type ArrayPaths = ReadonlySet<string>;

const NUMERIC = `('integer','real')`;
const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
const FIELD_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);

/**
 * Translates a MongoDB filter to a SQL condition over `doc` (JSON text) and `id`, keeping each
 * comparison on the bare field expression (an indexed field's column, else `json_extract`) so
 * that declared indexes apply. Type guards reproduce MongoDB's type bracketing (5 never equals
 * "5" or true; $gt 5 skips text).
 */
export function filterToSql(filter: Filter, arrays: ArrayPaths, fields: FieldExprs = JSON_FIELDS): SqlFragment {
  const parts: SqlFragment[] = [];
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === '$and' || key === '$or') parts.push(logical(key, value, arrays, fields));
    else if (key.startsWith('$')) throw new UnsupportedFilterError(`Filter operator ${key} is not supported`);
    else parts.push(fieldCondition(key, value, arrays, fields));
  }
  return and(parts);
}

function logical(op: '$and' | '$or', value: unknown, arrays: ArrayPaths, fields: FieldExprs): SqlFragment {
  if (!Array.isArray(value) || value.length === 0) throw new UnsupportedFilterError(`${op} needs a non-empty array of filters`);
  const parts = value.map((f) => {
    if (!isPlainObject(f)) throw new UnsupportedFilterError(`${op} needs a non-empty array of filters`);
    return filterToSql(f, arrays, fields);
  });
  return op === '$and' ? and(parts) : or(parts);
}

function fieldCondition(path: string, value: unknown, arrays: ArrayPaths, fields: FieldExprs): SqlFragment {
  for (const prefix of prefixes(path)) {
    if (arrays.has(prefix)) throw new UnsupportedFilterError(`Filters do not reach into arrays of sub-documents ("${path}" is under array "${prefix}")`);
  }
  if (!isOperatorObject(value)) return matches(path, '$eq', value, arrays, fields);
  const parts = Object.entries(value).map(([op, operand]) => {
    if (!FIELD_OPERATORS.has(op)) throw new UnsupportedFilterError(`Filter operator ${op} is not supported`);
    switch (op) {
      case '$exists':
        return { sql: `${fields.type(path)} IS ${operand ? 'NOT ' : ''}NULL`, params: [] };
      case '$ne':
        return not(matches(path, '$eq', operand, arrays, fields));
      case '$nin':
        return not(matches(path, '$in', operand, arrays, fields));
      default:
        return matches(path, op, operand, arrays, fields);
    }
  });
  return and(parts);
}

/** True when the field, or (for array fields) any element of it, satisfies `op operand`. */
function matches(path: string, op: string, operand: unknown, arrays: ArrayPaths, fields: FieldExprs): SqlFragment {
  const direct = scalar(fields.value(path), fields.type(path), op, operand);
  if (!arrays.has(path)) return direct;
  const element = scalar('value', 'type', op, operand);
  return {
    sql: `(${direct.sql} OR (${fields.type(path)} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath(path)}) WHERE ${element.sql})))`,
    params: [...direct.params, ...element.params],
  };
}

/** `value` and `type` are SQL expressions for one JSON value and its json_type. */
function scalar(value: string, type: string, op: string, operand: unknown): SqlFragment {
  if (op === '$in') {
    if (!Array.isArray(operand)) throw new UnsupportedFilterError('$in and $nin need an array');
    return inList(value, type, operand);
  }
  if (op === '$eq') return equals(value, type, operand);
  const comparator = RANGE[op];
  if (operand === null) {
    // Implementations disagree on whether $gte null matches a missing field: refuse the ambiguity.
    throw new UnsupportedFilterError(`${op} null is not supported: compare with null by equality or $exists`);
  }
  if (typeof operand === 'number') return { sql: `(${value} ${comparator} ? AND ${type} IN ${NUMERIC})`, params: [operand] };
  if (typeof operand === 'string') return { sql: `(${value} ${comparator} ? AND ${type} = 'text')`, params: [operand] };
  if (typeof operand === 'boolean') return { sql: `(${value} ${comparator} ? AND ${type} IN ('true','false'))`, params: [operand ? 1 : 0] };
  throw new UnsupportedFilterError(`${op} compares numbers, strings, booleans or null only`);
}

function equals(value: string, type: string, operand: unknown): SqlFragment {
  if (operand === null || operand === undefined) return { sql: `${value} IS NULL`, params: [] };
  if (typeof operand === 'boolean') return { sql: `(${value} = ? AND ${type} = '${operand}')`, params: [operand ? 1 : 0] };
  if (typeof operand === 'number') {
    // Only 0 and 1 can be confused with false and true; other numbers need no guard.
    return operand === 0 || operand === 1
      ? { sql: `(${value} = ? AND ${type} IN ${NUMERIC})`, params: [operand] }
      : { sql: `${value} = ?`, params: [operand] };
  }
  if (typeof operand === 'string') {
    // A sub-document is extracted as its JSON text; only strings that look like JSON need the guard.
    return /^[[{]/.test(operand) ? { sql: `(${value} = ? AND ${type} = 'text')`, params: [operand] } : { sql: `${value} = ?`, params: [operand] };
  }
  if (isPlainObject(operand) || Array.isArray(operand)) {
    return { sql: `(${value} = ? AND ${type} = '${Array.isArray(operand) ? 'array' : 'object'}')`, params: [JSON.stringify(operand)] };
  }
  throw new UnsupportedFilterError(`Cannot compare with a value of type ${typeof operand}`);
}

function inList(value: string, type: string, operands: unknown[]): SqlFragment {
  const strings = operands.filter((o): o is string => typeof o === 'string' && !/^[[{]/.test(o));
  const numbers = operands.filter((o): o is number => typeof o === 'number' && o !== 0 && o !== 1);
  const rest = operands.filter((o) => !strings.includes(o as string) && !numbers.includes(o as number));
  const parts: SqlFragment[] = [];
  // One IN list per plain type keeps the condition a single index probe for the usual case.
  if (strings.length > 0) parts.push({ sql: `${value} IN (${strings.map(() => '?').join(',')})`, params: strings });
  if (numbers.length > 0) parts.push({ sql: `${value} IN (${numbers.map(() => '?').join(',')})`, params: numbers });
  for (const operand of rest) parts.push(equals(value, type, operand));
  return parts.length === 0 ? { sql: '0', params: [] } : or(parts);
}

function and(parts: SqlFragment[]): SqlFragment {
  if (parts.length === 0) return { sql: '1', params: [] };
  if (parts.length === 1) return parts[0];
  return { sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
}

function or(parts: SqlFragment[]): SqlFragment {
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((p) => `(${p.sql})`).join(' OR ')})`, params: parts.flatMap((p) => p.params) };
}

/** NULL counts as "does not match", so the negation of an unknown is a match. */
function not(part: SqlFragment): SqlFragment {
  return { sql: `(${part.sql}) IS NOT 1`, params: part.params };
}

function prefixes(path: string): string[] {
  const segments = path.split('.');
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join('.'));
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  const operators = keys.filter((k) => k.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) throw new UnsupportedFilterError('Do not mix operators and field names in one condition');
  return operators > 0;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
