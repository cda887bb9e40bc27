import { EventStore, EventSubscription, Position, START, StoredEvent } from '@helpdesk/event-store';
import { ReadStore, ReadStoreUnavailableError } from '@helpdesk/read-store';
import { DeadLetter } from './dead-letter';
import { GuardedBatch } from './guarded-batch';
import { padPosition, unpadPosition } from './padded-position';
import { Projection } from './projection';
import { DEAD_LETTER_COLLECTION, physicalName, ProjectionRecord, ProjectionRegistry } from './projection-registry';
import { DocumentCache } from './document-cache';
import { ProjectionUnitOfWork } from './unit-of-work';

export type RunnerTarget = 'active' | 'building';

export interface RunnerOptions {
  batchSize: number;
  /** Events per batch while a rebuild catches up to the head (larger batches write each document fewer times). */
  rebuildBatchSize: number;
  /** Documents a rebuild keeps in memory between its batches. */
  rebuildCacheDocuments: number;
  /** Attempts per batch (and then per event) before an event is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles each attempt. */
  backoffMs: number;
  onError?: (projection: string, error: unknown) => void;
}

/** The registry says another generation is now the target: this runner's view is stale. */
export class GenerationChangedError extends Error {
  override readonly name = 'GenerationChangedError';
}

/**
 * Feeds one projection generation from the global feed: in order, in batches, each batch and
 * its checkpoint in one read-store transaction (or, on a store without transactions, as a
 * GuardedBatch); retries with backoff; dead-letters what keeps failing and carries on.
 */
export class ProjectionRunner {
  checkpoint: Position;
  lastError: string | null = null;
  private storageFailing = false;
  private subscription: EventSubscription | null = null;
  private stopped = false;
  private inFlight: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  /** Only the rebuilding runner writes its generation, so only it may trust what it wrote before. */
  private readonly cache: DocumentCache | undefined;

  constructor(
    readonly projection: Projection,
    readonly target: RunnerTarget,
    readonly generation: number,
    checkpoint: Position,
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly registry: ProjectionRegistry,
    private readonly options: RunnerOptions,
  ) {
    this.checkpoint = checkpoint;
    this.cache = target === 'building' ? new DocumentCache(options.rebuildCacheDocuments) : undefined;
  }

  /** Called after every committed batch. */
  onProgress(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Follows the feed live until stopped. Resolves when stopped; rejects on a generation change. */
  async follow(): Promise<void> {
    this.subscription = this.events.subscribe(this.checkpoint, { maxBatch: this.options.batchSize });
    try {
      for await (const batch of this.subscription) {
        if (this.stopped) break;
        await this.track(this.process(batch));
      }
    } finally {
      await this.subscription.close();
    }
  }

  /** Processes everything up to the current head, then resolves (used by rebuilds). */
  async catchUp(onBatch?: (events: number, checkpoint: Position) => void): Promise<void> {
    if (this.cache && this.checkpoint === START && (await this.generationEmpty())) this.cache.markComplete();
    for (;;) {
      if (this.stopped) return;
      const batch = await this.events.readAll(this.checkpoint, this.options.rebuildBatchSize);
      if (batch.length === 0) return;
      await this.track(this.process(batch));
      onBatch?.(batch.length, this.checkpoint);
    }
  }

  private async generationEmpty(): Promise<boolean> {
    for (const spec of this.projection.collections) {
      if ((await this.store.collection(physicalName(spec.name, this.generation)).findOne({})) !== null) return false;
    }
    return true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Resolves once no batch of this runner is being written. Without transactions a batch that
   * read its generation as current before a rebuild switched away would otherwise land its
   * documents after the retired generation was dropped, re-creating it with what it held.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.inFlight?.catch(() => undefined);
  }

  private async track(batch: Promise<void>): Promise<void> {
    this.inFlight = batch;
    try {
      await batch;
    } finally {
      this.inFlight = undefined;
    }
  }

  private async process(batch: StoredEvent[]): Promise<void> {
    for (;;) {
      if (await this.attempt(() => this.commit(batch))) return;
      if (!this.storageFailing) break;
      // The read store itself cannot be written (disk full, read-only): no event is to blame,
      // so nothing is dead-lettered; keep the checkpoint and try again until it recovers.
      if (this.stopped) return;
      await delay(this.options.backoffMs * 2 ** this.options.maxAttempts);
    }
    // The batch keeps failing: find the culprit(s) one event at a time so the rest go through.
    for (const event of batch) {
      if (event.position <= this.checkpoint) continue;
      if (!(await this.attempt(() => this.commit([event])))) await this.deadLetter(event);
    }
  }

  private async attempt(work: () => Promise<void>): Promise<boolean> {
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        await work();
        this.lastError = null;
        this.storageFailing = false;
        return true;
      } catch (error) {
        this.cache?.clear();
        if (error instanceof GenerationChangedError) throw error;
        this.storageFailing = error instanceof ReadStoreUnavailableError;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(this.projection.name, error);
        if (attempt < this.options.maxAttempts) await delay(this.options.backoffMs * 2 ** (attempt - 1));
      }
    }
    return false;
  }

  private async commit(batch: StoredEvent[]): Promise<void> {
    if (!this.store.supportsTransactions) return this.commitGuarded(batch);
    const last = batch[batch.length - 1].position;
    const uow = await this.store.transaction(async (tx) => {
      const record = await this.ownRecord(tx);
      const uow = new ProjectionUnitOfWork(tx, (logical) => physicalName(logical, this.generation), this.cache);
      for (const event of batch) await this.projection.apply(event, uow);
      await uow.flush();
      await this.registry.put(this.withCheckpoint(record, last), tx);
      return uow;
    });
    uow.committed();
    this.advance(last);
  }

  private async commitGuarded(batch: StoredEvent[]): Promise<void> {
    const guarded = this.guarded();
    const record = await this.ownRecord(this.store);
    const recovered = await guarded.recover(record[this.target]?.pending);
    if (recovered !== null) {
      const position = unpadPosition(recovered);
      if (position > this.checkpoint) this.advance(position);
      batch = batch.filter((event) => event.position > position);
      if (batch.length === 0) return;
    }
    const last = batch[batch.length - 1].position;
    const uow = new ProjectionUnitOfWork(this.store, (logical) => physicalName(logical, this.generation), this.cache);
    for (const event of batch) await this.projection.apply(event, uow);
    if (!(await guarded.commit(uow.staged(), padPosition(last)))) throw this.generationChanged();
    uow.committed();
    this.advance(last);
  }

  private guarded(): GuardedBatch {
    return new GuardedBatch(this.store, this.registry, { projection: this.projection.name, slot: this.target, generation: this.generation });
  }

  private async deadLetter(event: StoredEvent): Promise<void> {
    const letter: DeadLetter = {
      _id: `${this.projection.name}:${this.generation}:${padPosition(event.position)}`,
      projection: this.projection.name,
      generation: this.generation,
      position: event.position.toString(),
      eventId: event.id,
      streamId: event.streamId,
      type: event.type,
      error: this.lastError ?? 'unknown error',
      attempts: this.options.maxAttempts,
      failedAt: new Date().toISOString(),
    };
    if (!this.store.supportsTransactions) {
      // The letter is keyed by position, so writing it again after a crash changes nothing.
      await this.ownRecord(this.store);
      await this.store.collection<DeadLetter>(DEAD_LETTER_COLLECTION).replaceOne({ _id: letter._id }, letter, { upsert: true });
      if (!(await this.registry.setCheckpoint(this.projection.name, this.target, this.generation, padPosition(event.position)))) throw this.generationChanged();
      this.advance(event.position);
      return;
    }
    await this.store.transaction(async (tx) => {
      const record = await this.ownRecord(tx);
      await tx.collection<DeadLetter>(DEAD_LETTER_COLLECTION).replaceOne({ _id: letter._id }, letter, { upsert: true });
      await this.registry.put(this.withCheckpoint(record, event.position), tx);
    });
    this.advance(event.position);
  }

  private async ownRecord(tx: ReadStore): Promise<ProjectionRecord> {
    const record = await this.registry.get(this.projection.name, tx);
    const slot = record?.[this.target];
    if (!record || !slot || slot.generation !== this.generation) throw this.generationChanged();
    return record;
  }

  private generationChanged(): GenerationChangedError {
    return new GenerationChangedError(`${this.projection.name} generation ${this.generation} is no longer ${this.target}`);
  }

  private withCheckpoint(record: ProjectionRecord, position: Position): ProjectionRecord {
    const checkpoint = padPosition(position);
    const updatedAt = new Date().toISOString();
    return this.target === 'active'
      ? { ...record, active: { ...record.active, checkpoint }, updatedAt }
      : { ...record, building: { ...record.building!, checkpoint }, updatedAt };
  }

  private advance(position: Position): void {
    this.checkpoint = position;
    for (const listener of this.listeners) listener();
  }
}

export const checkpointOf = (padded: string) => unpadPosition(padded);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
