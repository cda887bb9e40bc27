import { EventStore } from '@helpdesk/event-store';
import { Projection, ProjectionEngine, RunnerOptions } from '@helpdesk/projection-engine';
import { ReadStore } from '@helpdesk/read-store';
import { FencedReadStore } from './fenced-read-store';
import { ProjectionLease } from './projection-lease';

export interface LeasedProjectorOptions {
  /** Unique per process (host, pid, a random part): a restarted process is a new owner. */
  owner: string;
  /** How long a lease lasts unrenewed: the longest a dead holder's projections stand still. */
  leaseMs: number;
  /** How often leases are renewed and free ones sought (default a third of leaseMs). */
  heartbeatMs?: number;
  engine?: Partial<RunnerOptions>;
  now?: () => Date;
  onChange?: (change: { projection: string; event: 'acquired' | 'lost' | 'released'; epoch: number | null }) => void;
  onError?: (error: unknown) => void;
}

interface Held {
  lease: ProjectionLease;
  engine: ProjectionEngine;
}

/**
 * Runs each projection only while holding its lease: one active runner per projection across
 * every projector process. A heartbeat renews the leases held, takes free or expired ones and
 * starts their engine (through a FencedReadStore bound to the lease's epoch), and stops the
 * engine of a lease it finds lost. Several processes split the projections between them, and
 * take over a dead one's within the lease time.
 */
export class LeasedProjector {
  private readonly held = new Map<string, Held>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private running = false;
  /** Heartbeats completed (for tests and health). */
  beats = 0;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    readonly projections: Projection[],
    private readonly options: LeasedProjectorOptions,
  ) {}

  /** Names of the projections this process runs now. */
  holding(): string[] {
    return [...this.held.keys()].sort();
  }

  async start(): Promise<void> {
    this.running = true;
    await this.beat();
  }

  /** A clean stop: engines finish their batch, leases are released for the next taker. */
  async stop(): Promise<void> {
    this.halt();
    await this.ticking;
    for (const [name, { lease, engine }] of this.held) {
      await engine.stop();
      await lease.release();
      this.options.onChange?.({ projection: name, event: 'released', epoch: null });
    }
    this.held.clear();
  }

  /**
   * Stops renewing and leaves the engines running: what a process that hangs or is cut off
   * from the read store looks like to the others. For fault tests.
   */
  halt(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private async beat(): Promise<void> {
    const tick = this.tick().catch((error) => this.options.onError?.(error));
    this.ticking = tick;
    await tick;
    this.beats++;
    if (this.running) this.timer = setTimeout(() => void this.beat(), this.options.heartbeatMs ?? Math.max(50, Math.floor(this.options.leaseMs / 3)));
  }

  private async tick(): Promise<void> {
    for (const projection of this.projections) {
      if (!this.running) return;
      const held = this.held.get(projection.name);
      try {
        if (held) {
          if (await held.lease.renew()) continue;
          this.held.delete(projection.name);
          this.options.onChange?.({ projection: projection.name, event: 'lost', epoch: null });
          await held.engine.stop();
          continue;
        }
        const lease = new ProjectionLease(this.store, projection.name, this.options.owner, { ttlMs: this.options.leaseMs, now: this.options.now });
        const epoch = await lease.acquire();
        if (epoch === null) continue;
        const fenced = new FencedReadStore(this.store, projection.name, this.options.owner, epoch, this.options.now);
        const engine = new ProjectionEngine(this.events, fenced, [projection], this.options.engine);
        this.held.set(projection.name, { lease, engine });
        this.options.onChange?.({ projection: projection.name, event: 'acquired', epoch });
        try {
          await engine.start();
        } catch (error) {
          // Could not even start (read store down): let another process try.
          this.held.delete(projection.name);
          await engine.stop().catch(() => undefined);
          await lease.release().catch(() => undefined);
          throw error;
        }
      } catch (error) {
        // A renewal that failed is retried at the next beat; the lease may lapse meanwhile, and
        // then the fence refuses this process's writes until it learns so and stops.
        this.options.onError?.(error);
      }
    }
  }
}
