import { createHash, randomUUID } from 'node:crypto';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from '@helpdesk/application';
import { CurrentRevision, EventStore, Position, StoredEvent, WrongExpectedRevisionError } from '@helpdesk/event-store';
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

export interface KnowledgeEnvelope {
  actor: Actor;
  correlationId: string;
  expectedRevision?: number;
  idempotencyKey?: string;
  /** Hashed with the key: a key reused for another request is refused. */
  request?: unknown;
}

export interface KnowledgeResult<S> {
  id: string;
  revision: number;
  position: Position | null;
  appended: string[];
  replayed: boolean;
  state: S;
}

const MAX_RETRIES = 10;

const toArticleEvent = (stored: StoredEvent): DatedArticleEvent =>
  ({ type: stored.type, data: stored.data, occurredAt: (stored.metadata.occurredAt as string) ?? stored.recordedAt.toISOString(), actorId: (stored.metadata.actor as Actor | undefined)?.id }) as DatedArticleEvent;
const toSuggestionEvent = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as SuggestionEvent;

/**
 * Load, fold, decide, append with the expected revision: the write path of articles
 * (`article-<id>`) and of suggestion sessions (`suggestion-<id>`), as the ticket runner's.
 */
export class KnowledgeCommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async loadArticle(articleId: string): Promise<{ state: ArticleState; revision: CurrentRevision }> {
    const stored = await this.store.readStream(articleStreamId(articleId));
    return { state: foldArticle(stored.map(toArticleEvent)), revision: stored.length ? stored[stored.length - 1].revision : 'no_stream' };
  }

  article(articleId: string, command: ArticleCommand, envelope: KnowledgeEnvelope): Promise<KnowledgeResult<ArticleState>> {
    return this.run(articleStreamId(articleId), articleId, envelope, (stored) => {
      const state = foldArticle(stored.map(toArticleEvent));
      return { state, events: decideArticle(command, state, { actor: envelope.actor }), fold: (events) => foldArticle((events as ArticleEvent[]).map((e) => ({ ...e, occurredAt: this.clock.now().toISOString(), actorId: envelope.actor.id }) as DatedArticleEvent), state) };
    });
  }

  suggestion(sessionId: string, command: SuggestionCommand, envelope: KnowledgeEnvelope): Promise<KnowledgeResult<SuggestionState | null>> {
    return this.run(suggestionStreamId(sessionId), sessionId, envelope, (stored) => {
      const state = foldSuggestion(stored.map(toSuggestionEvent));
      return { state, events: decideSuggestion(command, state), fold: (events) => foldSuggestion([...stored.map(toSuggestionEvent), ...(events as SuggestionEvent[])]) };
    });
  }

  private async run<S, E extends { type: string; data: unknown }>(
    streamId: string,
    id: string,
    envelope: KnowledgeEnvelope,
    decide: (stored: StoredEvent[]) => { state: S; events: E[]; fold: (events: E[]) => S },
  ): Promise<KnowledgeResult<S>> {
    const hash = envelope.idempotencyKey ? createHash('sha256').update(JSON.stringify(envelope.request ?? null)).digest('hex') : undefined;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.readStream(streamId);
      const current: CurrentRevision = stored.length ? stored[stored.length - 1].revision : 'no_stream';
      const decision = decide(stored);
      if (envelope.idempotencyKey) {
        const earlier = stored.filter((e) => e.metadata.idempotencyKey === envelope.idempotencyKey);
        if (earlier.length) {
          if ((earlier[0].metadata.actor as Actor | undefined)?.id !== envelope.actor.id || earlier[0].metadata.requestHash !== hash) throw new IdempotencyKeyReusedError(envelope.idempotencyKey);
          const last = earlier[earlier.length - 1];
          return { id, revision: last.revision, position: last.position, appended: [], replayed: true, state: decision.state };
        }
      }
      if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) throw new ConcurrencyConflictError(id, current, `${id} has changed: it is now at revision ${String(current)}. Reload it and try again.`);
      const { events } = decision;
      if (events.length === 0) return { id, revision: current === 'no_stream' ? -1 : current, position: null, appended: [], replayed: false, state: decision.state };
      const now = this.clock.now().toISOString();
      const toAppend = events.map((event) => {
        const eventId = randomUUID();
        return {
          id: eventId,
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: {
            eventId,
            correlationId: envelope.correlationId,
            causationId: randomUUID(),
            actor: envelope.actor,
            occurredAt: now,
            schemaVersion: 1,
            ...(envelope.idempotencyKey ? { idempotencyKey: envelope.idempotencyKey, requestHash: hash } : {}),
          },
        };
      });
      try {
        const result = await this.store.append(streamId, toAppend, current);
        return { id, revision: result.nextRevision, position: result.position, appended: events.map((e) => e.type), replayed: false, state: decision.fold(events) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (envelope.expectedRevision !== undefined) throw new ConcurrencyConflictError(id, error.actual, `${id} has changed: it is now at revision ${String(error.actual)}. Reload it and try again.`);
        if (attempt >= MAX_RETRIES) throw new ConcurrencyConflictError(id, error.actual, `${id} is changing too fast; try again.`);
      }
    }
  }
}
