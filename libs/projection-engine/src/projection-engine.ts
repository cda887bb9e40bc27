import { EventStore, Position, START } from '@helpdesk/event-store';
import { EnsureIndexesOptions, ReadStore } from '@helpdesk/read-store';
import { padPosition, unpadPosition } from './padded-position';
import { Projection } from './projection';
import { DEAD_LETTER_COLLECTION, physicalName, ProjectionRecord, ProjectionRegistry } from './projection-registry';
import { GenerationChangedError, ProjectionRunner, RunnerOptions } from './projection-runner';

export interface ProjectionStatus {
  name: string;
  version: number;
  generation: number;
  state: 'live' | 'catching_up' | 'rebuilding' | 'stopped';
  checkpoint: string | null;
  head: string | null;
  /** Head position minus checkpoint (for the embedded store: events behind). */
  positionsBehind: string;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  secondsBehind: number;
  building: { version: number; generation: number; checkpoint: string | null } | null;
  deadLetters: number;
  lastError: string | null;
}

export type RebuildProgress = (progress: { events: number; checkpoint: Position; head: Position }) => void;

interface Slot {
  active?: ProjectionRunner;
  building?: ProjectionRunner;
}

const DEFAULTS: RunnerOptions = { batchSize: 500, rebuildBatchSize: 10_000, rebuildCacheDocuments: 200_000, maxAttempts: 3, backoffMs: 50 };

/**
 * Runs every projection from its own checkpoint. On start, a projection whose code version
 * differs from the one that built its collections is rebuilt into a new generation while the
 * old generation keeps serving; the switch is one registry update.
 */
export class ProjectionEngine {
  private readonly registry: ProjectionRegistry;
  private readonly slots = new Map<string, Slot>();
  private readonly options: RunnerOptions;
  private running = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    readonly projections: Projection[],
    options: Partial<RunnerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.registry = new ProjectionRegistry(store);
  }

  projection(name: string): Projection {
    const found = this.projections.find((p) => p.name === name);
    if (!found) throw new Error(`Unknown projection "${name}"; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return found;
  }

  /** Prepares every projection and follows the feed in the background. */
  async start(): Promise<void> {
    this.running = true;
    for (const projection of this.projections) {
      const record = await this.prepare(projection);
      this.loops.push(this.runActive(projection, record), this.runBuilding(projection, record));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const slot of this.slots.values()) {
      await slot.active?.stop();
      await slot.building?.stop();
    }
    await Promise.allSettled(this.loops);
  }

  /**
   * Rebuilds one projection into a new generation in the foreground and switches to it.
   * Safe to run while the old generation serves queries (here or in another process).
   */
  async rebuild(name: string, onProgress?: RebuildProgress): Promise<void> {
    const projection = this.projection(name);
    const record = await this.prepare(projection);
    // A rebuild left unfinished (say, killed) is superseded: its collections go.
    if (record.building) await this.dropGeneration(projection, record.building.generation);
    const generation = Math.max(record.active.generation, record.building?.generation ?? 0) + 1;
    const building = { version: projection.version, generation, checkpoint: '', startedAt: new Date().toISOString() };
    await this.putBuilding({ ...record, building, updatedAt: new Date().toISOString() });
    await this.build(projection, generation, START, onProgress);
  }

  /** True once every named projection (all by default) has applied `position`. */
  async waitFor(position: Position, names: string[] = this.projections.map((p) => p.name), timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Runners here know their checkpoints without a read: the registry (which another process's
      // rebuild may have switched) is consulted only once they say the position is reached.
      const behindHere = names.some((n) => {
        const runner = this.slots.get(n)?.active;
        return runner !== undefined && !runner.isStopped && runner.checkpoint < position;
      });
      if (behindHere) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await this.nextProgress(names, Math.min(left, 25));
        continue;
      }
      // One read for all of them: this runs for every `?consistentWith=` request.
      const records = await this.registry.getMany(names);
      const reached = names.every((n) => {
        const r = records.get(n);
        return r !== undefined && unpadPosition(r.active.checkpoint) >= position;
      });
      if (reached) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextProgress(names, Math.min(left, 25));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    // One instant for every projection: projections at the same checkpoint are equally far behind,
    // whatever order their reads finish in (readiness would otherwise name only some of them).
    const now = Date.now();
    const head = await this.events.headPosition();
    const deadLetters = this.store.collection(DEAD_LETTER_COLLECTION);
    return Promise.all(
      this.projections.map(async (projection) => {
        const record = await this.registry.get(projection.name);
        const slot = this.slots.get(projection.name);
        const checkpoint = unpadPosition(record?.active.checkpoint);
        const behind = head > checkpoint ? head - checkpoint : 0n;
        let secondsBehind = 0;
        if (behind > 0n) {
          const [next] = await this.events.readAll(checkpoint, 1);
          if (next) secondsBehind = Math.max(0, (now - next.recordedAt.getTime()) / 1000);
        }
        const state: ProjectionStatus['state'] = record?.building
          ? 'rebuilding'
          : !slot?.active
            ? 'stopped'
            : behind > 0n
              ? 'catching_up'
              : 'live';
        return {
          name: projection.name,
          version: record?.active.version ?? projection.version,
          generation: record?.active.generation ?? 0,
          state,
          checkpoint: checkpoint >= 0n ? checkpoint.toString() : null,
          head: head >= 0n ? head.toString() : null,
          positionsBehind: behind.toString(),
          secondsBehind: Math.round(secondsBehind * 1000) / 1000,
          building: record?.building
            ? { version: record.building.version, generation: record.building.generation, checkpoint: record.building.checkpoint ? unpadPosition(record.building.checkpoint).toString() : null }
            : null,
          deadLetters: await deadLetters.count({ projection: projection.name }),
          lastError: slot?.active?.lastError ?? slot?.building?.lastError ?? null,
        };
      }),
    );
  }

  private async prepare(projection: Projection): Promise<ProjectionRecord> {
    let record = await this.registry.get(projection.name);
    if (!record) {
      record = {
        _id: projection.name,
        active: { version: projection.version, generation: 1, checkpoint: '' },
        building: null,
        updatedAt: new Date().toISOString(),
      };
      await this.ensureIndexes(projection, 1);
      await this.registry.put(record);
    } else {
      await this.ensureIndexes(projection, record.active.generation);
    }
    const stale = record.active.version !== projection.version;
    const buildingCurrent = record.building?.version === projection.version;
    if (stale && !buildingCurrent) {
      if (record.building) await this.dropGeneration(projection, record.building.generation);
      const generation = Math.max(record.active.generation, record.building?.generation ?? 0) + 1;
      record = { ...record, building: { version: projection.version, generation, checkpoint: '', startedAt: new Date().toISOString() } };
      await this.putBuilding(record);
    } else if (record.building && !buildingCurrent) {
      await this.dropGeneration(projection, record.building.generation);
      record = { ...record, building: null };
      await this.putBuilding(record);
    }
    return record;
  }

  private async runActive(projection: Projection, record: ProjectionRecord): Promise<void> {
    let current: ProjectionRecord | null = record;
    while (this.running && current) {
      if (current.active.version !== projection.version) return; // the building loop takes over
      const runner = this.runner(projection, 'active', current.active.generation, unpadPosition(current.active.checkpoint));
      this.slot(projection.name).active = runner;
      try {
        await runner.follow();
        return;
      } catch (error) {
        if (!(error instanceof GenerationChangedError)) {
          this.options.onError?.(projection.name, error);
          await delay(this.options.backoffMs * 10);
        }
        current = await this.registry.get(projection.name);
        if (error instanceof GenerationChangedError) await this.dropIfRetired(projection, runner.generation, current);
        // Stopped by a switch, which follows the new generation in a loop of its own.
        if (runner.isStopped) return;
      }
    }
  }

  private async runBuilding(projection: Projection, record: ProjectionRecord): Promise<void> {
    if (!record.building || record.building.version !== projection.version) return;
    try {
      await this.build(projection, record.building.generation, unpadPosition(record.building.checkpoint));
    } catch (error) {
      if (!(error instanceof GenerationChangedError)) this.options.onError?.(projection.name, error);
    }
  }

  private async build(projection: Projection, generation: number, from: Position, onProgress?: RebuildProgress): Promise<void> {
    const runner = this.runner(projection, 'building', generation, from);
    this.slot(projection.name).building = runner;
    let events = 0;
    const head = await this.events.headPosition();
    // A new generation is loaded without its indexes (each write would update every one of them)
    // and indexed once, before it serves: no query reads a generation that is still building.
    // It is readied for them first, so the load writes what they will read (the embedded store's
    // field columns) and indexing reads no document again.
    await this.ensureIndexes(projection, generation, { build: false });
    await runner.catchUp((n, checkpoint) => {
      events += n;
      onProgress?.({ events, checkpoint, head });
    });
    if (runner.isStopped) return;
    await this.ensureIndexes(projection, generation);
    await this.switchTo(projection, runner);
    this.slot(projection.name).building = undefined;
  }

  private async switchTo(projection: Projection, runner: ProjectionRunner): Promise<void> {
    let retired: number | undefined;
    const superseded = () => new GenerationChangedError(`${projection.name}: rebuild into generation ${runner.generation} was superseded`);
    if (!this.store.supportsTransactions) {
      // One conditional document write: it happens whole or not at all, and only if no other
      // rebuild took the building slot meanwhile.
      const record = await this.registry.get(projection.name);
      if (!record?.building || record.building.generation !== runner.generation) throw superseded();
      retired = record.active.generation;
      const active = { version: record.building.version, generation: record.building.generation, checkpoint: padPosition(runner.checkpoint) };
      if (!(await this.registry.switchActive(projection.name, runner.generation, active))) throw superseded();
    } else await this.store.transaction(async (tx) => {
      const record = await this.registry.get(projection.name, tx);
      if (!record?.building || record.building.generation !== runner.generation) {
        throw new GenerationChangedError(`${projection.name}: rebuild into generation ${runner.generation} was superseded`);
      }
      retired = record.active.generation;
      await this.registry.put(
        {
          ...record,
          active: { version: record.building.version, generation: record.building.generation, checkpoint: padPosition(runner.checkpoint) },
          building: null,
          updatedAt: new Date().toISOString(),
        },
        tx,
      );
    });
    // A live runner on the retired generation notices at its next batch; stop it now if it is ours.
    await this.slot(projection.name).active?.stop();
    this.slot(projection.name).active = undefined;
    if (retired !== undefined && retired !== runner.generation) await this.dropGeneration(projection, retired);
    if (this.running) this.loops.push(this.registry.get(projection.name).then((r) => (r ? this.runActive(projection, r) : undefined)));
  }

  /**
   * Records a change of the building slot. Without transactions only that slot is written, so
   * a live runner in another process moving its checkpoint meanwhile is not overwritten.
   */
  private async putBuilding(record: ProjectionRecord): Promise<void> {
    if (this.store.supportsTransactions) await this.registry.put(record);
    else await this.registry.setBuilding(record._id, record.building);
  }

  /**
   * A runner here found its generation retired, perhaps by a rebuild in another process that
   * dropped it while this runner's last batch was still being written (without transactions
   * nothing orders the two): drop it again, so no retired copy of the documents survives.
   */
  private async dropIfRetired(projection: Projection, generation: number, record: ProjectionRecord | null): Promise<void> {
    if (!record || record.active.generation === generation || record.building?.generation === generation) return;
    await this.dropGeneration(projection, generation).catch((error) => this.options.onError?.(projection.name, error));
  }

  private async dropGeneration(projection: Projection, generation: number): Promise<void> {
    for (const spec of projection.collections) await this.store.dropCollection(physicalName(spec.name, generation));
  }

  private runner(projection: Projection, target: 'active' | 'building', generation: number, from: Position): ProjectionRunner {
    return new ProjectionRunner(projection, target, generation, from, this.events, this.store, this.registry, this.options);
  }

  private async ensureIndexes(projection: Projection, generation: number, options?: EnsureIndexesOptions): Promise<void> {
    for (const spec of projection.collections) {
      await this.store.collection(physicalName(spec.name, generation)).ensureIndexes(spec.indexes, options);
    }
  }

  private slot(name: string): Slot {
    let slot = this.slots.get(name);
    if (!slot) this.slots.set(name, (slot = {}));
    return slot;
  }

  private nextProgress(names: string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const unsubscribe: Array<() => void> = [];
      const done = () => {
        clearTimeout(timer);
        unsubscribe.forEach((u) => u());
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      for (const name of names) {
        const runner = this.slots.get(name)?.active;
        if (runner) unsubscribe.push(runner.onProgress(done));
      }
    });
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
