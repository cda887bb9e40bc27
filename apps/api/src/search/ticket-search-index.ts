import { Inject, Injectable } from '@nestjs/common';
import { physicalName, ProjectionRegistry, ReadModels } from '@helpdesk/projection-engine';
import { TICKET_SEARCH, TicketSearchDoc } from '@helpdesk/projections';
import { READ_STORE, ReadStore } from '@helpdesk/read-store';

/** The `ticket_search` read model, resolved to the generation serving: its documents and its full-text search. */
@Injectable()
export class TicketSearchIndex {
  private readonly registry: ProjectionRegistry;

  constructor(
    @Inject(READ_STORE) readonly store: ReadStore,
    private readonly readModels: ReadModels,
  ) {
    this.registry = new ProjectionRegistry(store);
  }

  documents() {
    return this.readModels.collection<TicketSearchDoc>(TICKET_SEARCH);
  }

  /** The physical collection searches run on. */
  async collectionName(): Promise<string> {
    const record = await this.registry.get(TICKET_SEARCH);
    return physicalName(TICKET_SEARCH, record?.active.generation ?? 1);
  }
}
