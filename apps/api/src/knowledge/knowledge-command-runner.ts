import { StreamCommandRunner, StreamDecision, StreamEnvelope, StreamResult } from '@helpdesk/application';
import { CurrentRevision, EventStore, StoredEvent } from '@helpdesk/event-store';
import {
  ArticleCommand,
  ArticleEvent,
  ArticleState,
  articleStreamId,
  DatedArticleEvent,
  decideArticle,
  decideSuggestion,
  foldArticle,
  foldSuggestion,
  SuggestionCommand,
  SuggestionEvent,
  SuggestionState,
  suggestionStreamId,
} from '@helpdesk/knowledge';
import { Clock } from '@helpdesk/shared';
import { Actor } from '@helpdesk/ticketing';

export type KnowledgeEnvelope = StreamEnvelope;
export type KnowledgeResult<S> = StreamResult<S>;

const toArticleEvent = (stored: StoredEvent): DatedArticleEvent =>
  ({ type: stored.type, data: stored.data, occurredAt: (stored.metadata.occurredAt as string) ?? stored.recordedAt.toISOString(), actorId: (stored.metadata.actor as Actor | undefined)?.id }) as DatedArticleEvent;
const toSuggestionEvent = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as SuggestionEvent;

/**
 * Load, fold, decide, append with the expected revision: the write path of articles
 * (`article-<id>`) and of suggestion sessions (`suggestion-<id>`), through the stream runner.
 */
export class KnowledgeCommandRunner {
  private readonly streams: StreamCommandRunner;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {
    this.streams = new StreamCommandRunner(store, clock);
  }

  async loadArticle(articleId: string): Promise<{ state: ArticleState; revision: CurrentRevision }> {
    const stored = await this.store.readStream(articleStreamId(articleId));
    return { state: foldArticle(stored.map(toArticleEvent)), revision: stored.length ? stored[stored.length - 1].revision : 'no_stream' };
  }

  article(articleId: string, command: ArticleCommand, envelope: KnowledgeEnvelope): Promise<KnowledgeResult<ArticleState>> {
    return this.run(articleStreamId(articleId), articleId, envelope, (stored) => {
      const state = foldArticle(stored.map(toArticleEvent));
      return { state, decide: () => decideArticle(command, state, { actor: envelope.actor }), fold: (events) => foldArticle((events as ArticleEvent[]).map((e) => ({ ...e, occurredAt: this.clock.now().toISOString(), actorId: envelope.actor.id }) as DatedArticleEvent), state) };
    });
  }

  suggestion(sessionId: string, command: SuggestionCommand, envelope: KnowledgeEnvelope): Promise<KnowledgeResult<SuggestionState | null>> {
    return this.run(suggestionStreamId(sessionId), sessionId, envelope, (stored) => {
      const state = foldSuggestion(stored.map(toSuggestionEvent));
      return { state, decide: () => decideSuggestion(command, state), fold: (events) => foldSuggestion([...stored.map(toSuggestionEvent), ...(events as SuggestionEvent[])]) };
    });
  }

  private run<S, E extends { type: string; data: unknown }>(streamId: string, id: string, envelope: KnowledgeEnvelope, decide: (stored: StoredEvent[]) => StreamDecision<S, E>): Promise<KnowledgeResult<S>> {
    return this.streams.run(streamId, id, envelope, decide);
  }
}
