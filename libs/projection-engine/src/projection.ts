import { IndexSpec } from '@helpdesk/read-store';
import { StoredEvent } from '@helpdesk/event-store';
import { ProjectionUnitOfWork } from './unit-of-work';

/** A logical collection a projection owns, with the indexes its queries need. */
export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
  /** Internal state the projection keeps for itself; not served to queries. */
  internal?: boolean;
}

/**
 * One read model. `apply` folds an event into documents through the unit of work, which makes
 * it idempotent per document and atomic per batch. Bump `version` when `apply` changes meaning:
 * the engine rebuilds into new collections while the old ones keep serving, then switches.
 */
export interface Projection {
  name: string;
  version: number;
  collections: CollectionSpec[];
  apply(event: StoredEvent, uow: ProjectionUnitOfWork): Promise<void> | void;
}
