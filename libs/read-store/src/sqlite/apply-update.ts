import { Doc, Filter, Update } from '../read-store.port';
import { UnsupportedFilterError } from '../read-store.errors';
import { isPlainObject } from './filter-sql';

const OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$setOnInsert']);

/** MongoDB update operators applied to a copy of `doc`. `inserting` enables $setOnInsert. */
export function applyUpdate<T extends Doc>(doc: T, update: Update, inserting: boolean): T {
  const keys = Object.keys(update);
  if (keys.length === 0) throw new UnsupportedFilterError('An update needs at least one operator');
  for (const op of keys) if (!OPERATORS.has(op)) throw new UnsupportedFilterError(`Update operator ${op} is not supported`);
  const next = structuredClone(doc) as Record<string, unknown>;
  for (const [path, value] of Object.entries(update.$set ?? {})) setPath(next, path, structuredClone(value));
  if (inserting) for (const [path, value] of Object.entries(update.$setOnInsert ?? {})) setPath(next, path, structuredClone(value));
  for (const path of Object.keys(update.$unset ?? {})) unsetPath(next, path);
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    const current = getPath(next, path);
    if (typeof by !== 'number') throw new UnsupportedFilterError(`$inc of "${path}" needs a number`);
    if (current !== undefined && typeof current !== 'number') throw new UnsupportedFilterError(`$inc cannot add to the non-number "${path}"`);
    setPath(next, path, ((current as number | undefined) ?? 0) + by);
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) {
    const current = getPath(next, path);
    if (current !== undefined && !Array.isArray(current)) throw new UnsupportedFilterError(`$push needs "${path}" to be an array`);
    const items = isPlainObject(value) && Array.isArray(value.$each) ? value.$each : [value];
    setPath(next, path, [...((current as unknown[] | undefined) ?? []), ...structuredClone(items)]);
  }
  if (next._id !== doc._id) throw new UnsupportedFilterError('An update cannot change _id');
  return next as T;
}

/** The document an upsert starts from: the filter's equality conditions, as MongoDB seeds it. */
export function seedFromFilter(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  const visit = (f: Filter) => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) value.forEach((sub) => isPlainObject(sub) && visit(sub));
      else if (key.startsWith('$')) continue;
      else if (!isPlainObject(value) || !Object.keys(value).some((k) => k.startsWith('$'))) setPath(seed, key, structuredClone(value));
      else if ('$eq' in value) setPath(seed, key, structuredClone(value.$eq));
    }
  };
  visit(filter);
  return seed;
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current = doc;
  for (const segment of segments.slice(0, -1)) {
    const child = current[segment];
    if (child === undefined) current[segment] = {};
    else if (!isPlainObject(child)) throw new UnsupportedFilterError(`Cannot set "${path}": "${segment}" is not a sub-document`);
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const segments = path.split('.');
  const owner = segments.length === 1 ? doc : getPath(doc, segments.slice(0, -1).join('.'));
  if (isPlainObject(owner)) delete owner[segments[segments.length - 1]];
}

/** Paths (not descending into arrays) whose value is an array. */
export function arrayPathsOf(doc: Record<string, unknown>, prefix = ''): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) found.push(path);
    else if (isPlainObject(value)) found.push(...arrayPathsOf(value, path));
  }
  return found;
}
