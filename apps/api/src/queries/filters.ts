import { Filter } from '@helpdesk/read-store';

/** `{field: {$in: values}}` for each given list; single values become plain equality so indexes match simply. */
export function anyOf(filters: Record<string, readonly unknown[] | undefined>): Filter {
  const out: Filter = {};
  for (const [field, values] of Object.entries(filters)) {
    if (!values || values.length === 0) continue;
    out[field] = values.length === 1 ? values[0] : { $in: [...values] };
  }
  return out;
}
