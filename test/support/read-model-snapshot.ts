import { physicalName, POSITION_FIELD, ProjectionRegistry } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { Doc, ReadStore } from '@helpdesk/read-store';

/**
 * Every document of every read model the helpdesk serves (the active generation), by logical
 * collection, sorted by id. `_position` (the source position last applied) is kept only when
 * asked, for stores whose feeds number positions alike. `recordedAt` (when the store committed
 * an event: the audit trail shows it) is left out when asked, for comparing a copied log with
 * its source: a store stamps its own commit time on every append, so a copy carries the copy's.
 */
export async function readModelSnapshot(store: ReadStore, options: { withPositions?: boolean; withoutRecordedAt?: boolean } = {}): Promise<Record<string, Doc[]>> {
  const registry = new ProjectionRegistry(store);
  const snapshot: Record<string, Doc[]> = {};
  for (const projection of allProjections()) {
    const record = await registry.get(projection.name);
    if (!record) throw new Error(`no ${projection.name} projection in this read store`);
    for (const spec of projection.collections) {
      const docs = await store.collection(physicalName(spec.name, record.active.generation)).find({}, { sort: { _id: 1 } });
      const kept = options.withPositions ? docs : docs.map(({ [POSITION_FIELD]: _p, ...doc }) => (void _p, doc as Doc));
      snapshot[spec.name] = options.withoutRecordedAt ? kept.map((doc) => withoutKey(doc, 'recordedAt') as Doc) : kept;
    }
  }
  return snapshot;
}

function withoutKey(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutKey(v, key));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key).map(([k, v]) => [k, withoutKey(v, key)]));
}
