import { Doc, DuplicateKeyError, ReadStore } from '@helpdesk/read-store';

/** Who may run a projection, kept in the read store it writes to. */
export interface LeaseDoc extends Doc {
  _id: string;
  owner: string;
  /** Raised by one at every change of owner: the fencing token written with checkpoints. */
  epoch: number;
  expiresAt: string;
  acquiredAt: string;
  renewedAt: string;
}

export const LEASE_COLLECTION = '_leases';

export interface LeaseOptions {
  ttlMs: number;
  now?: () => Date;
}

/**
 * A time-bound lease on one projection, taken and renewed only by conditional updates, so two
 * processes never both believe they hold it with the same epoch. A holder that stops renewing
 * (dead, paused, cut off) loses it once `expiresAt` passes; the next taker raises the epoch,
 * and checkpoints written under the old epoch are refused from then on (see FencedReadStore).
 * Clocks of the processes must agree to well within the lease time (NTP does).
 */
export class ProjectionLease {
  private heldEpoch: number | null = null;

  constructor(
    private readonly store: ReadStore,
    readonly name: string,
    readonly owner: string,
    private readonly options: LeaseOptions,
  ) {}

  get epoch(): number | null {
    return this.heldEpoch;
  }

  /** Takes the lease if it is free or expired, or renews it if held; answers the epoch held, or null. */
  async acquire(): Promise<number | null> {
    if (this.heldEpoch !== null && (await this.renew())) return this.heldEpoch;
    const leases = this.store.collection<LeaseDoc>(LEASE_COLLECTION);
    const now = this.now();
    const current = await leases.findOne({ _id: this.name });
    if (!current) {
      try {
        await leases.insertOne({ _id: this.name, owner: this.owner, epoch: 1, expiresAt: this.expiry(now), acquiredAt: now.toISOString(), renewedAt: now.toISOString() });
        return (this.heldEpoch = 1);
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null; // another took it first
        throw error;
      }
    }
    if (current.expiresAt > now.toISOString()) return null;
    // Compare-and-set on the epoch seen: of two takers, one matches, the other finds it moved.
    const taken = await leases.updateOne(
      { _id: this.name, epoch: current.epoch },
      { $set: { owner: this.owner, expiresAt: this.expiry(now), acquiredAt: now.toISOString(), renewedAt: now.toISOString() }, $inc: { epoch: 1 } },
    );
    return taken.matched === 1 ? (this.heldEpoch = current.epoch + 1) : null;
  }

  /** Extends the lease; false when it is no longer this holder's (taken over under a new epoch). */
  async renew(): Promise<boolean> {
    if (this.heldEpoch === null) return false;
    const now = this.now();
    const renewed = await this.store
      .collection<LeaseDoc>(LEASE_COLLECTION)
      .updateOne({ _id: this.name, owner: this.owner, epoch: this.heldEpoch }, { $set: { expiresAt: this.expiry(now), renewedAt: now.toISOString() } });
    if (renewed.matched === 1) return true;
    this.heldEpoch = null;
    return false;
  }

  /** Gives the lease up at once (a clean stop), so another process need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.heldEpoch === null) return;
    const epoch = this.heldEpoch;
    this.heldEpoch = null;
    await this.store.collection<LeaseDoc>(LEASE_COLLECTION).updateOne({ _id: this.name, owner: this.owner, epoch }, { $set: { expiresAt: new Date(0).toISOString() } });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private expiry(now: Date): string {
    return new Date(now.getTime() + this.options.ttlMs).toISOString();
  }
}
