import { Collection, Doc, ReadStore } from '@helpdesk/read-store';
import { physicalName, ProjectionRegistry } from './projection-registry';

/**
 * The query side's view of projections: resolves a projection's logical collection to the
 * generation currently serving, so queries never notice a rebuild switching underneath them.
 */
export class ReadModels {
  private readonly registry: ProjectionRegistry;

  constructor(private readonly store: ReadStore) {
    this.registry = new ProjectionRegistry(store);
  }

  async collection<T extends Doc>(projection: string, logical: string = projection): Promise<Collection<T>> {
    const record = await this.registry.get(projection);
    return this.store.collection<T>(physicalName(logical, record?.active.generation ?? 1));
  }
}
