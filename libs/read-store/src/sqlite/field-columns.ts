import { IndexSpec } from '../read-store.port';
import { assertFieldPath, typeExpr, valueExpr } from './json-path';
import { SqlValue } from './keyset-cursor';

/** The SQL expressions that read a field's value and its JSON type in filters and sorts. */
export interface FieldExprs {
  value(path: string): string;
  type(path: string): string;
}

/** Every field read from the document text. */
export const JSON_FIELDS: FieldExprs = { value: valueExpr, type: typeExpr };

const VALUE = 'v:';
const TYPE = 't:';

export const valueColumn = (path: string) => `"${VALUE}${path}"`;
export const typeColumn = (path: string) => `"${TYPE}${path}"`;

/**
 * The indexed fields of a collection, each kept in two real columns beside the document: its
 * value (what `json_extract` gives) and its JSON type (what `json_type` gives). Indexes are built
 * on these columns rather than on expressions over `doc`, so a rewrite updates only the index
 * entries whose values changed (an expression index is re-evaluated on every rewrite of `doc`),
 * and building an index reads no JSON.
 */
export class FieldColumns implements FieldExprs {
  /** The column names, value then type for each path, in the order `valuesOf` gives them. */
  readonly names: readonly string[];
  /** Statements written once per layout (the same string each time keeps the statement cache's look-up cheap). */
  readonly insertSql: string;
  readonly selectSql: string;
  /** For a table with no field columns: the document alone, inserted or replaced. */
  readonly upsertSql: string;
  private readonly indexed: ReadonlySet<string>;
  private readonly segments: string[][];

  constructor(
    readonly table: string,
    readonly paths: readonly string[],
  ) {
    this.names = paths.flatMap((p) => [valueColumn(p), typeColumn(p)]);
    this.insertSql = `INSERT INTO ${table} (id, doc${this.names.map((n) => `, ${n}`).join('')}) VALUES (?, ?${', ?'.repeat(this.names.length)})`;
    this.selectSql = `SELECT ${this.names.join(', ')} FROM ${table} WHERE id = ?`; // used only when there are columns
    this.upsertSql = `INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`;
    this.indexed = new Set(paths);
    this.segments = paths.map((p) => p.split('.'));
  }

  /** From the table's column names: the paths that have both columns. */
  static fromColumnNames(table: string, names: readonly string[]): FieldColumns {
    const types = new Set(names.filter((n) => n.startsWith(TYPE)).map((n) => n.slice(TYPE.length)));
    return new FieldColumns(table, names.filter((n) => n.startsWith(VALUE) && types.has(n.slice(VALUE.length))).map((n) => n.slice(VALUE.length)));
  }

  value(path: string): string {
    return this.indexed.has(path) ? valueColumn(path) : valueExpr(path);
  }

  type(path: string): string {
    return this.indexed.has(path) ? typeColumn(path) : typeExpr(path);
  }

  /** The columns' values for a document, as SQLite's JSON functions would read them from its text. */
  valuesOf(doc: object): SqlValue[] {
    const values: SqlValue[] = [];
    for (const segments of this.segments) {
      const [value, type] = sqlOf(fieldAt(doc, segments));
      values.push(value, type);
    }
    return values;
  }
}

/** The paths an index declaration needs columns for (`_id` is the primary key). */
export function indexedPaths(indexes: readonly IndexSpec[]): string[] {
  const paths = new Set<string>();
  for (const index of indexes) {
    for (const [path] of index.keys) {
      assertFieldPath(path);
      if (path !== '_id') paths.add(path);
    }
  }
  return [...paths];
}

/** The value at a path as the document's JSON text holds it; undefined when the text has none. */
function fieldAt(doc: object, segments: string[]): unknown {
  let value: unknown = doc;
  for (const segment of segments) {
    value = asJson(value);
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return asJson(value);
}

/** What JSON.stringify writes for a value with a `toJSON` (a Date becomes its ISO string). */
function asJson(value: unknown): unknown {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
}

/** [json_extract, json_type] of a value in the stored JSON text. */
function sqlOf(value: unknown): [SqlValue, SqlValue] {
  switch (typeof value) {
    case 'string':
      return [value, 'text'];
    case 'boolean':
      return [value ? 1 : 0, value ? 'true' : 'false'];
    case 'number': {
      if (!Number.isFinite(value)) return [null, 'null']; // JSON.stringify writes null
      return [value === 0 ? 0 : value, /[.eE]/.test(String(value)) ? 'real' : 'integer']; // -0 is written 0
    }
    case 'object':
      if (value === null) return [null, 'null'];
      return [JSON.stringify(value), Array.isArray(value) ? 'array' : 'object'];
    default:
      return [null, null]; // undefined, functions, symbols: not written
  }
}
