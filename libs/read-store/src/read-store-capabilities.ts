import type { ReadStore } from './read-store.port';

/**
 * What the read store's server offers, found out at connect time (never assumed from the URL).
 * `mode` is how projection batches stay correct: `transactional` commits each batch and its
 * checkpoint in one transaction; `guarded` (no multi-document transactions) journals the batch,
 * writes each document only over an older position, then moves the checkpoint.
 */
export interface ReadStoreCapabilities {
  backend: 'embedded' | 'mongodb';
  /** The server as it names itself, e.g. `MongoDB 7.0.14` or `FerretDB v1.24.2`. */
  server: string;
  /** Replica set member or mongos, as `hello` says. */
  replicated: boolean;
  /** A probe transaction committed and a probe abort left nothing behind. */
  transactions: boolean;
  changeStreams: boolean;
  /** `$text` with a text index. Nothing in the helpdesk needs it yet. */
  textSearch: boolean;
  /** Arrays directly inside arrays; where missing the adapter wraps them (nested-arrays.ts). */
  nestedArrays: boolean;
  /**
   * Concurrent updates of one document all take effect. Where not (FerretDB 1.24), the adapter
   * runs its process's writes one at a time; writers in other processes can still lose each
   * other's updates there, so such a server suits one process only.
   */
  atomicUpdates: boolean;
  mode: 'transactional' | 'guarded';
}

/** The embedded store: SQLite transactions, nothing server-side. */
export const EMBEDDED_CAPABILITIES: ReadStoreCapabilities = {
  backend: 'embedded',
  server: 'SQLite (embedded)',
  replicated: false,
  transactions: true,
  changeStreams: false,
  textSearch: false,
  nestedArrays: true,
  atomicUpdates: true,
  mode: 'transactional',
};

/** The capabilities a store declares; stores that declare none are the embedded kind. */
export function capabilitiesOf(store: ReadStore): ReadStoreCapabilities {
  const declared = (store as { capabilities?: ReadStoreCapabilities }).capabilities;
  if (declared) return declared;
  return store.supportsTransactions ? EMBEDDED_CAPABILITIES : { ...EMBEDDED_CAPABILITIES, transactions: false, mode: 'guarded' };
}

/** One line for the logs: `read store: FerretDB v1.24.2, mode guarded (transactions no, ...)`. */
export function describeCapabilities(c: ReadStoreCapabilities): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  return `read store: ${c.server} (${c.backend}), mode ${c.mode} (replicated ${yesNo(c.replicated)}, transactions ${yesNo(c.transactions)}, change streams ${yesNo(c.changeStreams)}, text search ${yesNo(c.textSearch)}, nested arrays ${yesNo(c.nestedArrays)}, atomic updates ${c.atomicUpdates ? 'yes' : 'no: writes run one at a time in this process; run one process'})`;
}
