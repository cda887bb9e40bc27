import { Inject, Injectable } from '@nestjs/common';
import { ArticleSearchRequest, searchArticles } from '@helpdesk/knowledge';
import { physicalName, ProjectionRegistry, ReadModels } from '@helpdesk/projection-engine';
import { KB_SEARCH, KNOWLEDGE } from '@helpdesk/projections';
import { Doc, READ_STORE, ReadStore } from '@helpdesk/read-store';

/** The knowledge projection's collections, resolved to the generation serving, and its search. */
@Injectable()
export class KnowledgeReadModels {
  private readonly registry: ProjectionRegistry;

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly readModels: ReadModels,
  ) {
    this.registry = new ProjectionRegistry(store);
  }

  collection<T extends Doc>(logical: string) {
    return this.readModels.collection<T>(KNOWLEDGE, logical);
  }

  async search(request: ArticleSearchRequest) {
    const record = await this.registry.get(KNOWLEDGE);
    return searchArticles(this.store, request, physicalName(KB_SEARCH, record?.active.generation ?? 1));
  }
}
