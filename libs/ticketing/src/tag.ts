import { invalid } from './ticket-error';

/** Most tags one ticket carries, and the longest tag. */
export const MAX_TAGS_PER_TICKET = 20;
export const TAG_MAX_LENGTH = 40;

/** A letter or digit (any script: Urdu tags are tags), then letters, digits, `-` or `_`. */
export const TAG_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}_-]*$/u;

/**
 * A tag as it is stored: NFC, trimmed, lower-cased, inner spaces as `-`, so "VIP Customer" and
 * "vip-customer" are one tag. Null when what is left is not a tag.
 */
export function normaliseTag(raw: string): string | null {
  const tag = raw.normalize('NFC').trim().toLocaleLowerCase('en').replace(/\s+/g, '-');
  return tag.length > 0 && tag.length <= TAG_MAX_LENGTH && TAG_SHAPE.test(tag) ? tag : null;
}

/** The normalised tags of a request, in order, each once; throws invalid naming the first that is not a tag. */
export function requireTags(raw: readonly string[], field: string): string[] {
  const out: string[] = [];
  for (const value of raw) {
    const tag = typeof value === 'string' ? normaliseTag(value) : null;
    if (tag === null) throw invalid(`${field}: "${String(value).slice(0, 60)}" is not a tag (1-${TAG_MAX_LENGTH} letters, digits, "-" or "_", starting with a letter or digit).`);
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}
