/**
 * Old event versions are upcast on read; a stored event is never rewritten.
 * An upcaster turns the data of `type` at `fromVersion` into `fromVersion + 1`.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();
  private readonly current = new Map<string, number>();

  register(type: string, fromVersion: number, upcaster: Upcaster): this {
    const byVersion = this.upcasters.get(type) ?? new Map<number, Upcaster>();
    byVersion.set(fromVersion, upcaster);
    this.upcasters.set(type, byVersion);
    this.current.set(type, Math.max(this.current.get(type) ?? 1, fromVersion + 1));
    return this;
  }

  /** Schema version written for new events of `type`. */
  currentVersion(type: string): number {
    return this.current.get(type) ?? 1;
  }

  upcast(type: string, data: Record<string, unknown>, version: number): Record<string, unknown> {
    const target = this.currentVersion(type);
    let result = data;
    for (let v = version; v < target; v++) {
      const step = this.upcasters.get(type)?.get(v);
      if (!step) throw new Error(`No upcaster for ${type} from schema version ${v}`);
      result = step(result);
    }
    return result;
  }
}

/** Every ticket event is at schema version 1 today; later versions register their upcasters here. */
export const ticketUpcasters = new UpcasterRegistry();
