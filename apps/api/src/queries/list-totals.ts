import { Inject, Injectable } from '@nestjs/common';
import { Collection, Doc, Filter } from '@helpdesk/read-store';
import { Settings, SETTINGS } from '../config/settings';

/** A list's total as the API answers it: exact up to the cap, "at least the cap" beyond it. */
export interface ListTotal {
  total: number;
  /** False when counting stopped at the cap: there are at least `total` matches. */
  totalExact: boolean;
}

/**
 * Counting stops at a cap (QUERY_TOTAL_CAP for lists, QUERY_COUNT_CAP for the queue's counts):
 * a page is read from an index in about a millisecond, but an exact total walks every match, which
 * at a million tickets costs tens of milliseconds per request. The same choice as Elasticsearch's
 * `track_total_hits`: exact while small, "10,000+" beyond.
 */
@Injectable()
export class ListTotals {
  constructor(@Inject(SETTINGS) private readonly settings: Settings) {}

  /** The total for a list page. */
  of(collection: Collection<Doc>, filter: Filter): Promise<ListTotal> {
    return capped(collection, filter, this.settings.QUERY_TOTAL_CAP);
  }

  /** Where the queue's counts stop counting: a count equal to it means at least that many; null when `exact`. */
  countCap(exact: boolean): number | null {
    return exact ? null : this.settings.QUERY_COUNT_CAP;
  }

  /** One of the queue's view or filter counts, stopped at `countCap(exact)`. */
  count(collection: Collection<Doc>, filter: Filter, exact: boolean): Promise<number> {
    const cap = this.countCap(exact);
    return cap === null ? collection.count(filter) : collection.count(filter, { limit: cap });
  }
}

async function capped(collection: Collection<Doc>, filter: Filter, cap: number): Promise<ListTotal> {
  const counted = await collection.count(filter, { limit: cap + 1 });
  return counted > cap ? { total: cap, totalExact: false } : { total: counted, totalExact: true };
}
