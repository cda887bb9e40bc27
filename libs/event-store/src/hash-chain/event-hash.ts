import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The hash before a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where an event's link in its stream's chain is kept, inside its metadata. */
export const CHAIN_FIELD = 'chain';

export interface ChainLink {
  /** Hash of the previous event of the stream (GENESIS_HASH for the first). */
  prev: string;
  /** SHA-256 over the previous hash and everything the event says (RFC 8785 canonical JSON). */
  hash: string;
}

export interface HashableEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** The event's hash given the previous one: covers its id, stream, revision, type, data and metadata. */
export function eventHash(prev: string, event: HashableEvent): string {
  const { [CHAIN_FIELD]: _link, ...metadata } = event.metadata;
  void _link;
  const body = canonicalize({ prev, id: event.id, streamId: event.streamId, revision: event.revision, type: event.type, data: event.data, metadata });
  return createHash('sha256').update(body ?? '').digest('hex');
}

export function linkOf(metadata: Record<string, unknown>): ChainLink | undefined {
  const link = metadata[CHAIN_FIELD] as Partial<ChainLink> | undefined;
  return typeof link?.prev === 'string' && typeof link?.hash === 'string' ? (link as ChainLink) : undefined;
}
